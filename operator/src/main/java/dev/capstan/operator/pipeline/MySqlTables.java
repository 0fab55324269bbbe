package dev.capstan.operator.pipeline;

import dev.capstan.api.v1alpha1.source.TableSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the pipeline's tables ({@code database.table}) on a MySQL/MariaDB connection: each exists, the user may
 * {@code SELECT} from it (tried with {@code LIMIT 0}, so grants per database or table count), and it has a primary
 * key or {@code keyColumns} that name existing columns.
 *
 * <p>Not thread-safe (uses the caller's connection); blocks for one or two queries per table.
 */
final class MySqlTables {

    private static final int NO_SUCH_TABLE = 1146;
    private static final int NO_SUCH_DATABASE = 1049;
    private static final int SELECT_DENIED = 1142;

    private final Connection connection;
    private final String account;

    /** @param account the user as {@code 'name'@'host'}, for GRANT hints */
    MySqlTables(Connection connection, String account) {
        this.connection = connection;
        this.account = account;
    }

    /** Adds a problem to {@code found} for every table that fails a check. */
    void check(List<TableSpec> tables, List<Problem> found) throws SQLException {
        for (TableSpec table : tables) {
            Problem p = check(table);
            if (p != null) {
                found.add(p);
            }
        }
    }

    private Problem check(TableSpec table) throws SQLException {
        String name = table.getName();
        int dot = name.indexOf('.');
        String database = name.substring(0, dot);
        String tableName = name.substring(dot + 1);
        try (Statement st = connection.createStatement()) {
            st.executeQuery("SELECT * FROM " + quote(database) + "." + quote(tableName) + " LIMIT 0").close();
        } catch (SQLException e) {
            if (e.getErrorCode() == NO_SUCH_TABLE || e.getErrorCode() == NO_SUCH_DATABASE) {
                return new Problem("TableNotFound", "spec.source.tables: table " + name + " does not exist; create it "
                        + "or remove it from the pipeline");
            }
            if (e.getErrorCode() == SELECT_DENIED) {
                return new Problem("SourcePermissionDenied", "spec.source.tables: user " + account + " may not "
                        + "SELECT from " + name + "; run GRANT SELECT ON " + quote(database) + ".* TO " + account);
            }
            throw e;
        }
        List<String> keyColumns = table.getKeyColumns() == null ? List.of() : table.getKeyColumns();
        if (keyColumns.isEmpty()) {
            return hasPrimaryKey(database, tableName) ? null : new Problem("TableWithoutKey", "spec.source.tables: "
                    + "table " + name + " has no primary key; add one, or set keyColumns to the columns that identify "
                    + "a row");
        }
        Set<String> columns = columns(database, tableName);
        List<String> unknown = keyColumns.stream().filter(c -> !columns.contains(c.toLowerCase(Locale.ROOT))).toList();
        return unknown.isEmpty() ? null : new Problem("KeyColumnNotFound", "spec.source.tables: keyColumns of " + name
                + " name " + String.join(", ", unknown) + ", which the table does not have; fix keyColumns");
    }

    /**
     * From STATISTICS (the primary key's index is always named PRIMARY): MariaDB 11.4's TABLE_CONSTRAINTS hides
     * tables the user may read through a table-level grant only.
     */
    private boolean hasPrimaryKey(String database, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY'")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The table's column names, lower case (MySQL compares column names case-insensitively). */
    private Set<String> columns(String database, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, database);
            ps.setString(2, table);
            Set<String> columns = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
            return columns;
        }
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** {@code CURRENT_USER()} ({@code name@host}) as {@code 'name'@'host'}, as GRANT takes it. */
    static String account(String currentUser) {
        int at = currentUser.lastIndexOf('@');
        return at < 0 ? "'" + currentUser + "'" : "'" + currentUser.substring(0, at) + "'@'"
                + currentUser.substring(at + 1) + "'";
    }
}
