package dev.capstan.runtime.source.mysql;

import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.MySqlConfig;
import dev.capstan.runtime.config.TableConfig;
import dev.capstan.runtime.event.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks, without changing anything, that the server writes the binlog a CDC reader needs and that the user
 * may read it and the tables; each failure names the setting or grant to fix. Returns the key of every
 * captured table (its primary key, or {@code keyColumns}).
 */
final class MySqlPrerequisites {

    private final Connection connection;
    private final MySqlConfig config;

    MySqlPrerequisites(Connection connection, MySqlConfig config) {
        this.connection = connection;
        this.config = config;
    }

    /** Whether the server is MariaDB (else MySQL). */
    boolean mariaDb() throws SQLException {
        return query("SELECT VERSION()").toLowerCase(Locale.ROOT).contains("mariadb");
    }

    Map<TableId, List<String>> check(List<TableConfig> tables) throws SQLException {
        checkBinlog();
        checkGrants();
        Map<TableId, List<String>> keys = new LinkedHashMap<>();
        for (TableConfig table : tables) {
            keys.put(table.id(), key(table));
        }
        return keys;
    }

    private void checkBinlog() throws SQLException {
        String server = "the server at " + config.host() + ":" + config.port();
        String logBin = query("SELECT @@log_bin");
        if (!"1".equals(logBin) && !"ON".equalsIgnoreCase(logBin)) {
            throw new ConfigException("spec.source.mysql: " + server + " does not write a binlog; start it with "
                    + "log_bin (--log-bin) and binlog_format=ROW");
        }
        require("binlog_format", "ROW", server);
        require("binlog_row_image", "FULL", server);
        String metadata;
        try {
            metadata = query("SELECT @@binlog_row_metadata");
        } catch (SQLException e) {
            throw new ConfigException("spec.source.mysql: " + server + " has no binlog_row_metadata setting (MariaDB "
                    + "10.5+ and MySQL 8.0.1+ have it); upgrade the server, then set binlog_row_metadata=FULL", e);
        }
        if (!"FULL".equalsIgnoreCase(metadata)) {
            throw new ConfigException("spec.source.mysql: " + server + " runs with binlog_row_metadata=" + metadata
                    + "; set binlog_row_metadata=FULL so row events carry column names");
        }
        long serverId = Long.parseLong(query("SELECT @@server_id"));
        if (serverId == config.serverId()) {
            throw new ConfigException("spec.source.mysql.serverId: " + config.serverId() + " is the server_id of "
                    + server + " itself; choose an id no server or other binlog client uses");
        }
    }

    private void require(String variable, String expected, String server) throws SQLException {
        String value = query("SELECT @@" + variable);
        if (!expected.equalsIgnoreCase(value)) {
            throw new ConfigException("spec.source.mysql: " + server + " runs with " + variable + "=" + value
                    + "; set " + variable + "=" + expected + " (SET GLOBAL " + variable + " = '" + expected
                    + "' and in the server's configuration file) so the binlog carries every row change");
        }
    }

    /** The binlog needs REPLICATION SLAVE (reading) and REPLICATION CLIENT / BINLOG MONITOR (positions). */
    private void checkGrants() throws SQLException {
        StringBuilder grants = new StringBuilder();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                grants.append(rs.getString(1).toUpperCase(Locale.ROOT)).append('\n');
            }
        }
        String all = grants.toString();
        boolean everything = all.contains("GRANT ALL PRIVILEGES ON *.*");
        if (!everything && !all.contains("REPLICATION SLAVE") && !all.contains("REPLICATION REPLICA")) {
            throw new ConfigException("spec.source.mysql.credentialsSecretRef: user '" + config.user() + "' lacks the "
                    + "REPLICATION SLAVE privilege needed to read the binlog; run GRANT REPLICATION SLAVE, "
                    + "REPLICATION CLIENT, SELECT ON *.* TO '" + config.user() + "'");
        }
        if (!everything && !all.contains("REPLICATION CLIENT") && !all.contains("BINLOG MONITOR")) {
            throw new ConfigException("spec.source.mysql.credentialsSecretRef: user '" + config.user() + "' lacks the "
                    + "REPLICATION CLIENT privilege (BINLOG MONITOR on MariaDB) needed to read binlog positions; "
                    + "run GRANT REPLICATION CLIENT ON *.* TO '" + config.user() + "'");
        }
    }

    private List<String> key(TableConfig table) throws SQLException {
        TableId id = table.id();
        List<String> columns = new ArrayList<>();
        List<String> primary = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? "
                        + "AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            st.setString(1, id.schema());
            st.setString(2, id.table());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new ConfigException(table.field() + ".name: table " + id + " does not exist on " + config.host()
                    + ":" + config.port() + " or user '" + config.user() + "' may not see it (names are "
                    + "database.table; GRANT SELECT on it)");
        }
        // From STATISTICS (the primary key's index is always PRIMARY), as the operator reads it: MariaDB 11.4's
        // KEY_COLUMN_USAGE and TABLE_CONSTRAINTS hide tables the user may read through a table-level grant only.
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? "
                        + "AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX")) {
            st.setString(1, id.schema());
            st.setString(2, id.table());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    primary.add(rs.getString(1));
                }
            }
        }
        if (!table.keyColumns().isEmpty()) {
            for (String key : table.keyColumns()) {
                if (!columns.contains(key)) {
                    throw new ConfigException(table.field() + ".keyColumns: column '" + key + "' is not in table "
                            + id + " (columns: " + String.join(", ", columns) + ")");
                }
            }
            return table.keyColumns();
        }
        if (primary.isEmpty()) {
            throw new ConfigException(table.field() + ": table " + id + " has no primary key; add one or set "
                    + "keyColumns to columns that identify a row");
        }
        return primary;
    }

    private String query(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
