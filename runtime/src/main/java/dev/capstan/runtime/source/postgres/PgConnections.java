package dev.capstan.runtime.source.postgres;

import dev.capstan.runtime.config.PostgresConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.PGProperty;

/**
 * Opens JDBC connections to the source: plain ones for catalog queries and snapshots, and
 * replication ones for the logical replication stream. Stateless and thread-safe.
 */
public final class PgConnections {

    private final PostgresConfig config;

    public PgConnections(PostgresConfig config) {
        this.config = config;
    }

    /** A normal connection (autocommit on). */
    public Connection open() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), properties());
    }

    /**
     * A connection for snapshot reads: results in text format, as pgoutput sends values, so both convert
     * the same way.
     */
    public Connection openForSnapshot() throws SQLException {
        Properties props = properties();
        PGProperty.BINARY_TRANSFER.set(props, false);
        PGProperty.APPLICATION_NAME.set(props, "capstan-snapshot");
        return DriverManager.getConnection(config.jdbcUrl(), props);
    }

    /** A replication connection for {@code START_REPLICATION}; only the replication API works on it. */
    public Connection openReplication() throws SQLException {
        Properties props = properties();
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        return DriverManager.getConnection(config.jdbcUrl(), props);
    }

    public PostgresConfig config() {
        return config;
    }

    private Properties properties() {
        Properties props = new Properties();
        PGProperty.USER.set(props, config.user());
        PGProperty.PASSWORD.set(props, config.password());
        PGProperty.CONNECT_TIMEOUT.set(props, 10);
        PGProperty.TCP_KEEP_ALIVE.set(props, true);
        return props;
    }
}
