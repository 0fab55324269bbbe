package dev.capstan.runtime.source.postgres;

import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.PostgresConfig;
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
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the source can be captured before anything is created or streamed, and fails with a
 * message that says how to fix it: {@code wal_level}, the REPLICATION privilege, each table's
 * existence, SELECT privilege and key. Returns the key columns of each table.
 *
 * <p>Read-only and blocking; not thread-safe (uses the caller's connection).
 */
public final class PgPrerequisites {

    private static final Logger LOG = LoggerFactory.getLogger(PgPrerequisites.class);
    private final Connection connection;
    private final PostgresConfig config;

    public PgPrerequisites(Connection connection, PostgresConfig config) {
        this.connection = connection;
        this.config = config;
    }

    /**
     * Runs every check.
     *
     * @return the key columns of every table, in the order of {@code tables}
     * @throws ConfigException naming what is wrong and what to do
     */
    public Map<TableId, List<String>> check(List<TableConfig> tables) throws SQLException {
        checkWalLevel();
        checkReplicationRole();
        Map<TableId, List<String>> keys = new LinkedHashMap<>();
        for (TableConfig table : tables) {
            keys.put(table.id(), checkTable(table));
        }
        return keys;
    }

    private void checkWalLevel() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW wal_level")) {
            rs.next();
            String level = rs.getString(1);
            if (!"logical".equals(level)) {
                throw new ConfigException("PostgreSQL at " + config.host() + ":" + config.port() + " has wal_level="
                        + level + "; logical replication needs wal_level=logical: run ALTER SYSTEM SET wal_level = "
                        + "logical and restart PostgreSQL (on managed services set the equivalent parameter, e.g. "
                        + "rds.logical_replication=1)");
            }
        }
    }

    private void checkReplicationRole() throws SQLException {
        String sql = "SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (rs.next() && !rs.getBoolean(1)) {
                throw new ConfigException("PostgreSQL user '" + config.user() + "' may not use logical replication; "
                        + "grant it with ALTER ROLE \"" + config.user() + "\" WITH REPLICATION");
            }
        }
    }

    private List<String> checkTable(TableConfig table) throws SQLException {
        String qualified = quote(table.id());
        String sql = "SELECT c.oid, has_table_privilege(c.oid, 'SELECT'), c.relreplident FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? "
                + "AND c.relkind IN ('r', 'p')";
        long oid;
        String replicaIdentity;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, table.id().schema());
            ps.setString(2, table.id().table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ConfigException(table.field() + ".name: table " + table.id() + " does not exist in "
                            + "database " + config.database() + "; create it or remove it from the pipeline");
                }
                oid = rs.getLong(1);
                if (!rs.getBoolean(2)) {
                    throw new ConfigException(table.field() + ".name: user '" + config.user() + "' may not read "
                            + table.id() + "; GRANT SELECT ON " + qualified + " TO \"" + config.user() + "\"");
                }
                replicaIdentity = rs.getString(3);
            }
        }
        List<String> primaryKey = primaryKey(oid);
        List<String> key = table.keyColumns().isEmpty() ? primaryKey : checkKeyColumns(table, oid);
        if (primaryKey.isEmpty() && !key.isEmpty() && !"f".equals(replicaIdentity) && !"i".equals(replicaIdentity)) {
            throw new ConfigException(table.field() + ": table " + table.id() + " has no primary key and REPLICA "
                    + "IDENTITY " + ("n".equals(replicaIdentity) ? "NOTHING" : "DEFAULT") + ", so PostgreSQL would "
                    + "refuse UPDATE and DELETE on it once it is published; run ALTER TABLE " + qualified
                    + " REPLICA IDENTITY FULL first");
        }
        if (key.isEmpty()) {
            throw new ConfigException(table.field() + ": table " + table.id() + " has no primary key; add one "
                    + "(ALTER TABLE " + qualified + " ADD PRIMARY KEY (...)) or name the columns that identify a row "
                    + "in " + table.field() + ".keyColumns");
        }
        if (!"f".equals(replicaIdentity)) {
            LOG.warn("Table {} has REPLICA IDENTITY {}: update and delete events carry only the key in 'before'. "
                    + "For full before-images run ALTER TABLE {} REPLICA IDENTITY FULL", table.id(),
                    "d".equals(replicaIdentity) ? "DEFAULT" : replicaIdentity, qualified);
        }
        return key;
    }

    private List<String> primaryKey(long oid) throws SQLException {
        String sql = "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                + "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ? AND i.indisprimary "
                + "ORDER BY array_position(i.indkey, a.attnum)";
        return columns(sql, oid);
    }

    private List<String> checkKeyColumns(TableConfig table, long oid) throws SQLException {
        List<String> existing = columns("SELECT attname FROM pg_attribute WHERE attrelid = ? AND attnum > 0 "
                + "AND NOT attisdropped", oid);
        for (String column : table.keyColumns()) {
            if (!existing.contains(column)) {
                throw new ConfigException(table.field() + ".keyColumns: column '" + column + "' does not exist in "
                        + table.id() + " (columns: " + String.join(", ", existing) + ")");
            }
        }
        return table.keyColumns();
    }

    private List<String> columns(String sql, long oid) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** {@code "schema"."table"} with embedded quotes doubled. */
    static String quote(TableId id) {
        return quoteIdent(id.schema()) + "." + quoteIdent(id.table());
    }

    static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
