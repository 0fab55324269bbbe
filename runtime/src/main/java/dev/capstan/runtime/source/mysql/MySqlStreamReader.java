package dev.capstan.runtime.source.mysql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import dev.capstan.runtime.config.PipelineConfig;
import dev.capstan.runtime.config.TableConfig;
import dev.capstan.runtime.engine.AckTracker;
import dev.capstan.runtime.engine.ChangePublisher;
import dev.capstan.runtime.event.Operation;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.sink.kafka.SinkException;
import dev.capstan.runtime.snapshot.SnapshotCoordinator;
import dev.capstan.runtime.status.SourceState;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads one binlog session: turns row events of captured tables into change events, transactions (GTID to
 * XID/COMMIT) into batches confirmed at the position after their commit, DDL on captured tables into
 * schema-change events, and rows of the watermark table into snapshot watermarks. The stored position
 * ({@link BinlogPositions}) advances only after Kafka acknowledged everything before it.
 *
 * <p>Not thread-safe: the stream thread only.
 */
final class MySqlStreamReader {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlStreamReader.class);
    private final PipelineConfig config;
    private final Map<TableId, TableConfig> tables = new HashMap<>();
    private final Map<TableId, List<String>> keys;
    private final ChangePublisher publisher;
    private final AckTracker<BinlogOffset> tracker;
    private final SourceState state;
    private final SnapshotCoordinator snapshots;
    private final BinlogPositions positions;
    private final TableId watermarks;
    private final MySqlCharsets charsets;
    private final Map<Long, MySqlTableModel> models = new HashMap<>();
    private final Map<Long, TableId> mapped = new HashMap<>();
    private final SchemaChangeWriter schemaChanges;
    private final BinlogTransaction txn;

    MySqlStreamReader(PipelineConfig config, Map<TableId, List<String>> keys, ChangePublisher publisher,
                      AckTracker<BinlogOffset> tracker, SourceState state, SnapshotCoordinator snapshots,
                      BinlogPositions positions, TableId watermarks, MySqlCharsets charsets) {
        this.charsets = charsets;
        this.config = config;
        this.keys = keys;
        this.publisher = publisher;
        this.tracker = tracker;
        this.state = state;
        this.snapshots = snapshots;
        this.positions = positions;
        this.watermarks = watermarks;
        config.tables().forEach(t -> tables.put(t.id(), t));
        this.schemaChanges = new SchemaChangeWriter(config.kafka().topicPrefix());
        this.txn = new BinlogTransaction(tracker, publisher, positions, config.kafka().topicPrefix());
    }

    /** Streams one session from the stored position until {@code running} is false or the session fails. */
    void run(BooleanSupplier running, long drainMillis) throws Exception {
        tracker.reset();
        models.clear();
        mapped.clear();
        snapshots.streamRestarted();
        BinlogOffset start = positions.stored();
        txn.reset(start);
        try (BinlogSession session = positions.open(start)) {
            session.connect();
            state.sourceConnected(true);
            state.state("Streaming", positions.recoveryNote());
            MDC.put("phase", "stream");
            LOG.info("Streaming the binlog from {}", start);
            publisher.whileWaiting(this::storeAcknowledged);
            try {
                loop(session, running);
                drain(drainMillis);
            } finally {
                state.sourceConnected(false);
            }
        }
    }

    private void loop(BinlogSession session, BooleanSupplier running) throws Exception {
        int sinceTick = 0;
        while (running.getAsBoolean()) {
            Event event = session.poll(50);
            if (event == null) {
                tick();
                sinceTick = 0;
                continue;
            }
            handle(event);
            if (++sinceTick >= 1000) {
                tick();
                sinceTick = 0;
            }
        }
    }

    private void handle(Event event) throws InterruptedException {
        EventHeaderV4 header = event.getHeader();
        switch (header.getEventType()) {
            case ROTATE -> {
                RotateEventData rotate = event.getData();
                txn.rotate(rotate.getBinlogFilename());
            }
            case MARIADB_GTID -> {
                MariadbGtidEventData gtid = event.getData();
                txn.gtid(new MariaDbGtid(gtid.getDomainId(), gtid.getServerId(), gtid.getSequence()));
                if ((gtid.getFlags() & MariadbGtidEventData.FL_STANDALONE) == 0) {
                    txn.begin(header);
                }
            }
            case GTID -> {
                GtidEventData gtid = event.getData();
                txn.gtid(gtid.getMySqlGtid());
            }
            case QUERY -> query(event.getData(), header);
            case TABLE_MAP -> tableMap(event.getData());
            case WRITE_ROWS, EXT_WRITE_ROWS -> {
                WriteRowsEventData rows = event.getData();
                writes(rows, header);
            }
            case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
                UpdateRowsEventData rows = event.getData();
                updates(rows, header);
            }
            case DELETE_ROWS, EXT_DELETE_ROWS -> {
                DeleteRowsEventData rows = event.getData();
                deletes(rows, header);
            }
            case XID -> commit(header);
            default -> {
                // format description, heartbeats, annotations, checkpoints, previous-GTID lists: nothing to publish
            }
        }
    }

    private void commit(EventHeaderV4 header) throws InterruptedException {
        state.sourcePosition(txn.commit(header).toString());
    }

    private void query(QueryEventData query, EventHeaderV4 header) throws InterruptedException {
        String sql = query.getSql().trim();
        if (sql.equalsIgnoreCase("BEGIN")) {
            txn.begin(header);
            return;
        }
        if (sql.equalsIgnoreCase("COMMIT")) {
            commit(header); // a transaction of a non-transactional engine
            return;
        }
        DdlStatement ddl = DdlStatement.parse(sql, query.getDatabase());
        boolean standalone = !txn.open();
        if (standalone) {
            txn.begin(header);
        }
        if (ddl != null) {
            ddl(ddl, sql, query.getDatabase(), header);
        }
        if (standalone) {
            commit(header);
        }
    }

    private void ddl(DdlStatement ddl, String sql, String database, EventHeaderV4 header) throws InterruptedException {
        boolean captured = false;
        for (TableId table : ddl.tables()) {
            models.values().removeIf(m -> m.id().equals(table));
            captured |= tables.containsKey(table);
        }
        if (!captured) {
            return;
        }
        LOG.info("Schema change on {}: {}", ddl.tables(), sql);
        if (ddl.kind().equals("TRUNCATE")) {
            TableId table = ddl.tables().get(0);
            snapshots.onTruncate(table);
            publish(table, Operation.TRUNCATE, null, null, null, header, 0);
        }
        ObjectNode source = schemaChanges.source(database, header, txn.file(),
                txn.start(), txn.gtid());
        publisher.publishSchemaChange(schemaChanges.key(database), schemaChanges.value(source, database, sql, ddl,
                header.getTimestamp()), txn.batch());
    }

    private void tableMap(TableMapEventData map) {
        TableId id = new TableId(map.getDatabase(), map.getTable());
        mapped.put(map.getTableId(), id);
        TableConfig table = tables.get(id);
        if (table == null) {
            return;
        }
        MySqlTableModel model = models.get(map.getTableId());
        if (model == null || !model.describes(map)) {
            models.put(map.getTableId(), MySqlTableModel.of(map, table, keys.get(id), charsets));
        }
    }

    private void writes(WriteRowsEventData rows, EventHeaderV4 header) throws InterruptedException {
        if (isWatermark(rows.getTableId())) {
            for (Serializable[] row : rows.getRows()) {
                watermark(row);
            }
            return;
        }
        MySqlTableModel model = models.get(rows.getTableId());
        if (model == null) {
            return;
        }
        int index = 0;
        for (Serializable[] row : rows.getRows()) {
            Object[] values = model.values(row, rows.getIncludedColumns());
            publish(model.id(), Operation.CREATE, model.key(values), null, model.row(values), header, index++);
        }
    }

    private void updates(UpdateRowsEventData rows, EventHeaderV4 header) throws InterruptedException {
        if (isWatermark(rows.getTableId())) {
            for (Map.Entry<Serializable[], Serializable[]> row : rows.getRows()) {
                watermark(row.getValue());
            }
            return;
        }
        MySqlTableModel model = models.get(rows.getTableId());
        if (model == null) {
            return;
        }
        int index = 0;
        for (Map.Entry<Serializable[], Serializable[]> row : rows.getRows()) {
            Object[] old = model.values(row.getKey(), rows.getIncludedColumnsBeforeUpdate());
            Object[] now = model.values(row.getValue(), rows.getIncludedColumns());
            Row oldKey = model.key(old);
            Row key = model.key(now);
            if (!oldKey.equals(key)) {
                // The key changed: the old row is gone (delete + tombstone) and a new one exists, as Debezium does.
                publish(model.id(), Operation.DELETE, oldKey, model.row(old), null, header, index);
                publish(model.id(), Operation.CREATE, key, null, model.row(now), header, index++);
            } else {
                publish(model.id(), Operation.UPDATE, key, model.row(old), model.row(now), header, index++);
            }
        }
    }

    private void deletes(DeleteRowsEventData rows, EventHeaderV4 header) throws InterruptedException {
        MySqlTableModel model = models.get(rows.getTableId());
        if (model == null) {
            return;
        }
        int index = 0;
        for (Serializable[] row : rows.getRows()) {
            Object[] values = model.values(row, rows.getIncludedColumns());
            publish(model.id(), Operation.DELETE, model.key(values), model.row(values), null, header, index++);
        }
    }

    private boolean isWatermark(long tableId) {
        return watermarks.equals(mapped.get(tableId));
    }

    /** A row of the watermark table (id, mark): the mark is the watermark's content. */
    private void watermark(Serializable[] row) throws InterruptedException {
        Serializable mark = row.length > 1 ? row[1] : null;
        String content = mark instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(mark);
        snapshots.onWatermark(content, publisher, txn.batch());
    }

    private void publish(TableId table, Operation op, Row key, Row before, Row after, EventHeaderV4 header, int row)
            throws InterruptedException {
        if (key != null) {
            snapshots.onChange(table, key);
        }
        txn.publish(table, op, key, before, after, header, row);
    }

    /** Stores what Kafka acknowledged, runs the snapshot's periodic work. */
    private void tick() {
        tracker.failure().ifPresent(e -> {
            throw new SinkException("Kafka did not take an event (" + e.getMessage() + "); nothing after the last "
                    + "stored binlog position is acknowledged", e);
        });
        storeAcknowledged();
        snapshots.tick();
    }

    private void storeAcknowledged() {
        tracker.completedPosition().ifPresent(p -> {
            if (positions.store(p)) {
                state.committedPosition(p.toString());
            }
        });
    }

    private void drain(long drainMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + drainMillis;
        tracker.dropUnsealed();
        txn.reset(positions.stored());
        while (!tracker.idle() && System.currentTimeMillis() < deadline && tracker.failure().isEmpty()) {
            Thread.sleep(5);
            storeAcknowledged();
        }
        storeAcknowledged();
        snapshots.tick();
        if (!snapshots.flush(Math.max(1_000, deadline - System.currentTimeMillis()))) {
            LOG.warn("Kafka did not acknowledge the last stored positions in time; the stream resumes from the "
                    + "previous one after a restart");
        }
        LOG.info("Stopped reading; stored binlog position {}", positions.stored());
    }
}
