package dev.capstan.registry;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the schema registry as a process until SIGTERM:
 * {@code java -jar capstan-registry.jar --bootstrap-servers kafka:9092 [--port 8081] [--host 0.0.0.0]
 * [--topic _capstan_schemas] [--replication-factor 1]}. Basic authentication is switched on by the environment
 * variables {@code CAPSTAN_REGISTRY_USERNAME} and {@code CAPSTAN_REGISTRY_PASSWORD}.
 *
 * <p>Prints one line with the URL once it serves. Exit codes: 2 for bad arguments, 1 when it cannot start (one
 * line on stderr, no stack trace), 143 after SIGTERM.
 */
public final class Main {

    private static final String LOGGING = "capstan-registry-logback.xml";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING);
        }
        RegistrySettings settings;
        try {
            settings = MainArguments.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("capstan-registry: " + e.getMessage());
            System.exit(2);
            return;
        }
        RegistryServer server;
        try {
            server = RegistryServer.start(settings);
        } catch (RuntimeException e) {
            System.err.println("capstan-registry: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "capstan-registry-shutdown"));
        System.out.println("capstan-registry listening on http://" + settings.host() + ":" + server.port()
                + " (topic " + settings.topic() + " on " + settings.bootstrapServers() + ")");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
