package dev.capstan.runtime.source.mysql;

import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.PipelineConfig;
import dev.capstan.runtime.config.TableConfig;
import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.Operation;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.SourceInfo;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.snapshot.ChunkRange;
import dev.capstan.runtime.snapshot.ChunkReader;
import dev.capstan.runtime.snapshot.ChunkRows;
import dev.capstan.runtime.snapshot.KeyRangeSql;
import dev.capstan.runtime.source.TableLayout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads snapshot chunks from MySQL/MariaDB over one plain connection (session time zone UTC), converting
 * values exactly as the binlog path does. Watermarks are rows written to {@value #WATERMARK_TABLE}, a table
 * the runtime owns (created on first use; needs CREATE, INSERT and UPDATE on it): the binlog carries the
 * write in commit order, like any other change. A chunk's read sees every transaction the binlog holds
 * before its low watermark: both servers commit to the storage engine in binlog order
 * ({@code binlog_order_commits}, MariaDB's group commit), and the watermark's own commit returns only after
 * that — so {@link ChunkRows#inProgress()} is always empty here.
 *
 * <p>Not thread-safe: one per chunk reader thread.
 */
final class MySqlChunkReader implements ChunkReader {

    static final String WATERMARK_TABLE = "capstan_watermarks";
    private final MySqlConnections connections;
    private final PipelineConfig config;
    private final Map<TableId, TableConfig> tables = new HashMap<>();
    private final Map<TableId, List<String>> keys;
    private final Map<TableId, Layout> layouts = new HashMap<>();
    private final TableId watermarks;
    private final String readerId = UUID.randomUUID().toString();
    private Connection connection;
    private boolean watermarkTableReady;

    /** A table's columns for reading: the SELECT list, converters and the event layout. */
    private record Layout(String qualified, String columnList, String keyList, String keyParameters, int keyCount,
                          List<MySqlColumn> columns, TableLayout layout) {
    }

    MySqlChunkReader(MySqlConnections connections, PipelineConfig config, Map<TableId, List<String>> keys,
                     TableId watermarks) {
        this.connections = connections;
        this.config = config;
        this.keys = keys;
        this.watermarks = watermarks;
        config.tables().forEach(t -> tables.put(t.id(), t));
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connections.openForSnapshot();
        }
        return connection;
    }

    private Layout layout(TableId table) throws SQLException {
        Layout layout = layouts.get(table);
        if (layout == null) {
            List<MySqlColumn> columns = MySqlColumn.fromInformationSchema(connection(), table.schema(), table.table());
            String[] names = columns.stream().map(MySqlColumn::name).toArray(String[]::new);
            List<String> quoted = new ArrayList<>();
            for (String name : names) {
                quoted.add(quote(name));
            }
            List<String> key = keys.get(table);
            layout = new Layout(quote(table.schema()) + "." + quote(table.table()), String.join(", ", quoted),
                    String.join(", ", key.stream().map(MySqlChunkReader::quote).toList()),
                    String.join(", ", Collections.nCopies(key.size(), "?")), key.size(), columns,
                    new TableLayout(tables.get(table), names, MySqlColumn.columnTypes(columns), key));
            layouts.put(table, layout);
        }
        return layout;
    }

    @Override
    public Optional<List<String>> boundary(TableId table, List<String> after, List<String> limit, int chunkSize)
            throws SQLException {
        Layout t = layout(table);
        String sql = "SELECT " + t.keyList() + " FROM " + t.qualified() + where(t, after, limit) + " ORDER BY "
                + t.keyList() + " LIMIT 1 OFFSET " + (chunkSize - 1);
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            KeyRangeSql.bind(st, after, limit);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> key = new ArrayList<>(t.keyCount());
                for (int i = 1; i <= t.keyCount(); i++) {
                    key.add(rs.getString(i));
                }
                return Optional.of(key);
            }
        }
    }

    @Override
    public String watermark(String content) throws SQLException {
        Connection c = connection();
        String qualified = quote(watermarks.schema()) + "." + quote(watermarks.table());
        if (!watermarkTableReady) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + qualified + " (reader VARCHAR(64) NOT NULL PRIMARY KEY, "
                        + "mark VARCHAR(255) NOT NULL) ENGINE=InnoDB");
            } catch (SQLException e) {
                throw denied(e, "CREATE");
            }
            watermarkTableReady = true;
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + qualified
                + " (reader, mark) VALUES (?, ?) ON DUPLICATE KEY UPDATE mark = VALUES(mark)")) {
            st.setString(1, readerId);
            st.setString(2, content);
            st.executeUpdate();
        } catch (SQLException e) {
            throw denied(e, "INSERT, UPDATE");
        }
        return "";
    }

    private SQLException denied(SQLException e, String privileges) {
        if (e.getErrorCode() == 1142 || e.getErrorCode() == 1044) {
            throw new ConfigException("spec.source.mysql.credentialsSecretRef: snapshots write watermarks into "
                    + watermarks + ", which the user may not change (" + e.getMessage() + "); run GRANT CREATE, "
                    + "INSERT, UPDATE ON " + watermarks + " TO '" + config.mysql().user() + "'", e);
        }
        return e;
    }

    @Override
    public ChunkRows read(TableId table, ChunkRange range, String position) throws SQLException {
        Layout t = layout(table);
        String sql = "SELECT " + t.columnList() + " FROM " + t.qualified() + where(t, range.after(), range.upTo())
                + " ORDER BY " + t.keyList();
        List<ChangeEvent> events = new ArrayList<>();
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            KeyRangeSql.bind(st, range.after(), range.upTo());
            try (ResultSet rs = st.executeQuery()) {
                long now = System.currentTimeMillis();
                Map<String, Object> source = new LinkedHashMap<>(8);
                source.put("file", null);
                source.put("pos", null);
                source.put("gtid", null);
                source.put("server_id", null);
                source.put("row", null);
                SourceInfo info = new SourceInfo("mysql", config.kafka().topicPrefix(), table.schema(), table, now,
                        "true", source);
                int n = t.columns().size();
                while (rs.next()) {
                    Object[] values = new Object[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = JdbcValueConverter.convert(t.columns().get(i), rs, i + 1);
                    }
                    Row row = t.layout().row(values, null);
                    events.add(new ChangeEvent(table, Operation.READ, t.layout().key(row), null, row, info, now,
                            null));
                }
            }
        }
        return new ChunkRows(events, new long[0]);
    }

    @Override
    public long estimateRows(TableId table) throws SQLException {
        try (PreparedStatement st = connection().prepareStatement(
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Math.max(0, rs.getLong(1)) : 0;
            }
        }
    }

    private static String where(Layout t, List<String> after, List<String> upTo) {
        return KeyRangeSql.where(t.keyList(), t.keyParameters(), after, upTo);
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a connection that failed; nothing to do
            }
            connection = null;
        }
    }
}
