package dev.capstan.registry;

import java.util.Map;

/**
 * The command line of {@link Main}: {@code --name value} or {@code --name=value}. Basic-auth credentials come from
 * the environment ({@value #USERNAME_ENV}, {@value #PASSWORD_ENV}), never from the command line.
 */
final class MainArguments {

    static final String USAGE = "usage: capstan-registry --bootstrap-servers <host:port,...> [--port <8081>]"
            + " [--host <0.0.0.0>] [--topic <" + RegistrySettings.DEFAULT_TOPIC + ">] [--replication-factor <1>]";
    static final String USERNAME_ENV = "CAPSTAN_REGISTRY_USERNAME";
    static final String PASSWORD_ENV = "CAPSTAN_REGISTRY_PASSWORD";
    static final int DEFAULT_PORT = 8081;

    private MainArguments() {
    }

    /**
     * The settings the arguments and environment describe.
     *
     * @throws IllegalArgumentException with one line naming the faulty argument
     */
    static RegistrySettings parse(String[] args, Map<String, String> env) {
        String bootstrapServers = null;
        String topic = null;
        String host = null;
        int port = DEFAULT_PORT;
        int replicationFactor = 1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && knows(name)) {
                value = args[++i];
            } else {
                value = null;
            }
            if (!knows(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; " + USAGE);
            }
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--bootstrap-servers" -> bootstrapServers = value;
                case "--topic" -> topic = value;
                case "--host" -> host = value;
                case "--port" -> port = number(name, value, 0, 65535);
                default -> replicationFactor = number(name, value, 1, Short.MAX_VALUE);
            }
        }
        if (bootstrapServers == null) {
            throw new IllegalArgumentException("--bootstrap-servers is required; " + USAGE);
        }
        RegistrySettings.Builder builder = RegistrySettings.builder(bootstrapServers).port(port).replicationFactor(replicationFactor);
        if (topic != null) {
            builder.topic(topic);
        }
        if (host != null) {
            builder.host(host);
        }
        credentials(builder, env);
        return builder.build();
    }

    private static boolean knows(String name) {
        return switch (name) {
            case "--bootstrap-servers", "--topic", "--host", "--port", "--replication-factor" -> true;
            default -> false;
        };
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + ": expected a number from " + min + " to " + max + ", got '"
                + value + "'");
    }

    private static void credentials(RegistrySettings.Builder builder, Map<String, String> env) {
        String username = env.get(USERNAME_ENV);
        String password = env.get(PASSWORD_ENV);
        if (username == null && password == null) {
            return;
        }
        if (username == null || username.isEmpty() || password == null) {
            throw new IllegalArgumentException("set both " + USERNAME_ENV + " and " + PASSWORD_ENV
                    + " for basic authentication, or neither");
        }
        builder.basicAuth(username, password);
    }
}
