package dev.capstan.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the PostgreSQL binaries for a {@link PostgresServer}: initdb on first start, then postmaster start/stop.
 * Not thread-safe; {@link PostgresServer} serialises calls.
 */
interface PostgresLauncher {

    /** The superuser initdb creates. */
    String SUPERUSER = "postgres";

    /**
     * Creates the cluster in {@code launch.dataDir()} if it has none, calls {@code launch.configure()} on the
     * data directory, starts the postmaster and returns once it accepts connections.
     */
    void start(Launch launch) throws IOException;

    /** Fast shutdown (open sessions are disconnected); returns when the postmaster has exited. */
    void stop() throws IOException;

    /** For logs, e.g. "bundled binaries" or "/usr/lib/postgresql/15/bin". */
    String description();

    /**
     * @param dataDir   the cluster directory (created by initdb when missing)
     * @param port      the TCP port on 127.0.0.1
     * @param logFile   where the server's stdout/stderr are appended
     * @param password  the superuser's password once it is set (trust authentication accepts it before)
     * @param settings  server settings; {@code configure} writes them into postgresql.conf
     * @param configure writes postgresql.conf / pg_hba.conf before every postmaster start
     */
    record Launch(Path dataDir, int port, Path logFile, String password, Map<String, String> settings,
                  Consumer<Path> configure) {
    }
}
