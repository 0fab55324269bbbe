package dev.capstan.runtime.source.mysql;

import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.MySqlConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens JDBC connections to the MySQL/MariaDB source (MariaDB Connector/J, which speaks to both), turning
 * refusals the user must fix into messages that name the field. Thread-safe.
 */
public final class MySqlConnections {

    private final MySqlConfig config;

    public MySqlConnections(MySqlConfig config) {
        this.config = config;
    }

    public MySqlConfig config() {
        return config;
    }

    /** A plain connection (prerequisites, positions, watermarks). */
    public Connection open() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", config.user());
        props.setProperty("password", config.password());
        try {
            return DriverManager.getConnection(config.jdbcUrl(), props);
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    /**
     * A connection for snapshot reads: session time zone UTC, so TIMESTAMP values read as text are the
     * same instants the binlog carries.
     */
    public Connection openForSnapshot() throws SQLException {
        Connection connection = open();
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION time_zone = '+00:00'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private SQLException explain(SQLException e) {
        String where = config.host() + ":" + config.port();
        if (e.getErrorCode() == 1045) {
            throw new ConfigException("spec.source.mysql.credentialsSecretRef: the server at " + where
                    + " refused the login of user '" + config.user() + "' (" + e.getMessage()
                    + "); fix the username/password in the Secret or the user's host in the server", e);
        }
        if (String.valueOf(e.getSQLState()).startsWith("08") || e.getErrorCode() == 0) {
            return new SQLException("cannot connect to MySQL/MariaDB at " + where + " (check spec.source.mysql.host "
                    + "and port, and that the server is up): " + e.getMessage(), "08001", e);
        }
        return e;
    }
}
