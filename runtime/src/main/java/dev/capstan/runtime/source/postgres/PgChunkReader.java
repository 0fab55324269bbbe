package dev.capstan.runtime.source.postgres;

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
import dev.capstan.runtime.snapshot.JsonChunkRows;
import dev.capstan.runtime.snapshot.KeyRangeSql;
import dev.capstan.runtime.snapshot.SnapshotCoordinator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads snapshot chunks from PostgreSQL over one plain connection (text results, the session settings of
 * the replication connection, so values print exactly as pgoutput sends them and convert through the
 * same {@link PgTableModel}). Chunks are key ranges read with one statement each (in a repeatable-read
 * transaction that also takes the snapshot's in-progress transactions, see {@link ChunkRows}), in key order, using the
 * row comparison {@code (k1, k2) > (...)} that the primary key index serves. Watermarks are
 * non-transactional logical messages ({@code pg_logical_emit_message}), flushed at once.
 *
 * <p>Not thread-safe: one per chunk reader thread.
 */
final class PgChunkReader implements ChunkReader {

    /** Rows the driver fetches at a time while reading a chunk. */
    private static final int FETCH_ROWS = 1_000;
    private final PgConnections connections;
    private final PipelineConfig config;
    private final Map<TableId, TableConfig> tables = new HashMap<>();
    private final Map<TableId, List<String>> keys;
    private final Map<TableId, PgSnapshotTable> layouts = new HashMap<>();
    private final PgJsonRow json = new PgJsonRow();
    private Connection connection;

    PgChunkReader(PgConnections connections, PipelineConfig config, Map<TableId, List<String>> keys) {
        this.connections = connections;
        this.config = config;
        this.keys = keys;
        config.tables().forEach(t -> tables.put(t.id(), t));
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connections.openForSnapshot();
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        return connection;
    }

    private PgSnapshotTable layout(TableId table) throws SQLException {
        PgSnapshotTable layout = layouts.get(table);
        if (layout == null) {
            layout = PgSnapshotTable.load(connection(), tables.get(table), keys.get(table));
            layouts.put(table, layout);
        }
        return layout;
    }

    @Override
    public Optional<List<String>> boundary(TableId table, List<String> after, List<String> limit, int chunkSize)
            throws SQLException {
        PgSnapshotTable t = layout(table);
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

    /**
     * Writes the watermark as a non-transactional logical message. Its statement also takes a transaction id,
     * so the commit flushes the WAL at once and the walsender sends the watermark now rather than at the
     * WAL writer's next round (up to {@code wal_writer_delay} later); a transaction without changes is not
     * streamed (PostgreSQL 15 and later skip empty transactions).
     */
    @Override
    public String watermark(String content) throws SQLException {
        try (PreparedStatement st = connection().prepareStatement(
                "SELECT pg_logical_emit_message(false, ?, ?), txid_current()")) {
            st.setString(1, SnapshotCoordinator.WATERMARK_PREFIX);
            st.setString(2, content);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * Reads the range in a repeatable-read transaction that first takes its snapshot's in-progress
     * transaction ids ({@code txid_current_snapshot()}, reduced to the 32-bit xids the stream reports).
     */
    @Override
    public ChunkRows read(TableId table, ChunkRange range, String position) throws SQLException {
        PgSnapshotTable t = layout(table);
        return consistently((c, inProgress) -> new ChunkRows(rows(c, t, table, range, position), inProgress));
    }

    /** As {@link #read}, each row's key and {@code after} written by {@link PgJsonRow} from the text read. */
    @Override
    public JsonChunkRows readJson(TableId table, ChunkRange range, String position) throws SQLException {
        PgSnapshotTable t = layout(table);
        return consistently((c, inProgress) -> jsonRows(c, t, table, range, position, inProgress));
    }

    @FunctionalInterface
    private interface Read<T> {
        T read(Connection c, long[] inProgress) throws SQLException;
    }

    private <T> T consistently(Read<T> read) throws SQLException {
        Connection c = connection();
        try {
            c.setAutoCommit(false);
            T rows = read.read(c, inProgress(c));
            c.commit();
            c.setAutoCommit(true);
            return rows;
        } catch (SQLException | RuntimeException e) {
            close(); // the next read opens a fresh connection, outside any half-done transaction
            throw e;
        }
    }

    private static long[] inProgress(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT txid_current_snapshot()::text");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            String snapshot = rs.getString(1); // xmin:xmax:xip,xip,...
            String list = snapshot.substring(snapshot.lastIndexOf(':') + 1);
            if (list.isEmpty()) {
                return new long[0];
            }
            String[] ids = list.split(",");
            long[] xids = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                xids[i] = Long.parseLong(ids[i]) & 0xFFFF_FFFFL;
            }
            return xids;
        }
    }

    /**
     * The statement that reads {@code range}, fetching {@value #FETCH_ROWS} rows at a time (inside the read's
     * transaction), so the driver holds a slice of the chunk rather than a second copy of all of it.
     */
    private static PreparedStatement chunkQuery(Connection c, PgSnapshotTable t, ChunkRange range) throws SQLException {
        PreparedStatement st = c.prepareStatement("SELECT " + t.columnList() + " FROM " + t.qualified()
                + where(t, range.after(), range.upTo()) + " ORDER BY " + t.keyList());
        try {
            st.setFetchSize(FETCH_ROWS);
            KeyRangeSql.bind(st, range.after(), range.upTo());
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    /** The source block of a chunk's rows, read after the low watermark at {@code position}. */
    private SourceInfo source(TableId table, String position, long now) {
        Map<String, Object> source = new LinkedHashMap<>(4);
        source.put("txId", null);
        source.put("lsn", PgLsn.parse(position).asLong());
        return new SourceInfo("postgresql", config.kafka().topicPrefix(), config.postgres().database(), table, now,
                "true", source);
    }

    private List<ChangeEvent> rows(Connection c, PgSnapshotTable t, TableId table, ChunkRange range,
                                   String position) throws SQLException {
        List<ChangeEvent> events = new ArrayList<>();
        try (PreparedStatement st = chunkQuery(c, t, range)) {
            try (ResultSet rs = st.executeQuery()) {
                int n = t.columnCount();
                long now = System.currentTimeMillis();
                SourceInfo info = source(table, position, now);
                PgTableModel model = t.model();
                String[] texts = new String[n];
                byte[] kinds = new byte[n];
                while (rs.next()) {
                    for (int i = 0; i < n; i++) {
                        texts[i] = rs.getString(i + 1);
                    }
                    events.add(event(model, texts, kinds, table, info, now));
                }
            }
        }
        return events;
    }

    /**
     * One row as a read event. {@code texts} and {@code kinds} are scratch arrays reused from row to row (the
     * model copies what it keeps).
     */
    static ChangeEvent event(PgTableModel model, String[] texts, byte[] kinds, TableId table,
                                     SourceInfo info, long now) {
        for (int i = 0; i < texts.length; i++) {
            kinds[i] = texts[i] == null ? TupleData.NULL : TupleData.TEXT;
        }
        Row row = model.row(new TupleData(kinds, texts, null));
        return new ChangeEvent(table, Operation.READ, model.key(row), null, row, info, now, null);
    }

    private JsonChunkRows jsonRows(Connection c, PgSnapshotTable t, TableId table, ChunkRange range, String position,
                                   long[] inProgress) throws SQLException {
        json.reset();
        try (PreparedStatement st = chunkQuery(c, t, range)) {
            try (ResultSet rs = st.executeQuery()) {
                long now = System.currentTimeMillis();
                PgJsonChunk rows = new PgJsonChunk(t, json, source(table, position, now), now, range.isLast());
                while (rs.next()) {
                    rows.add(rs);
                }
                return rows.done(inProgress);
            }
        }
    }

    @Override
    public long estimateRows(TableId table) throws SQLException {
        PgSnapshotTable t = layout(table);
        try (PreparedStatement st = connection().prepareStatement(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = ?::regclass")) {
            st.setString(1, t.qualified());
            try (ResultSet rs = st.executeQuery()) {
                long estimate = rs.next() ? rs.getLong(1) : -1;
                if (estimate >= 0) {
                    return estimate;
                }
            }
        }
        try (PreparedStatement st = connection().prepareStatement("SELECT count(*) FROM " + t.qualified());
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String where(PgSnapshotTable t, List<String> after, List<String> upTo) {
        return KeyRangeSql.where(t.keyList(), t.keyParameters(), after, upTo);
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
