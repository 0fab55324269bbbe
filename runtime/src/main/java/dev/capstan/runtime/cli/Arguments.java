package dev.capstan.runtime.cli;

import java.nio.file.Path;

/**
 * The command line of {@code capstan-runtime}.
 *
 * @param pipeline   the CdcPipeline YAML file
 * @param secretsDir the directory holding one folder per Secret, one file per key
 * @param httpPort   port of the health, metrics and status endpoints
 * @param help       whether {@code --help} was asked for
 */
record Arguments(Path pipeline, Path secretsDir, int httpPort, boolean help) {

    static final String USAGE = """
            usage: capstan-runtime run --pipeline <CdcPipeline YAML> --secrets-dir <dir> [--http-port <port>]
              --pipeline      a CdcPipeline manifest (the same YAML you apply with kubectl)
              --secrets-dir   one folder per Secret, one file per key: the value of key k of
                              Secret X is read from <dir>/X/k (the layout Kubernetes mounts)
              --http-port     /health/live, /health/ready, /metrics, /status (default 8080, 0 = any free port)""";

    static Arguments parse(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            return new Arguments(null, null, 0, true);
        }
        if (!args[0].equals("run")) {
            throw new IllegalArgumentException("unknown command '" + args[0] + "'; the command is 'run'");
        }
        Path pipeline = null;
        Path secrets = null;
        int port = 8080;
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help")) {
                return new Arguments(null, null, 0, true);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--pipeline" -> pipeline = Path.of(value);
                case "--secrets-dir" -> secrets = Path.of(value);
                case "--http-port" -> port = port(value);
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
        if (pipeline == null) {
            throw new IllegalArgumentException("--pipeline is required");
        }
        if (secrets == null) {
            throw new IllegalArgumentException("--secrets-dir is required");
        }
        return new Arguments(pipeline, secrets, port, false);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--http-port must be a port number 0-65535, was '" + value + "'");
        }
    }
}
