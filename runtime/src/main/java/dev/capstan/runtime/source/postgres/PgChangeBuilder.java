package dev.capstan.runtime.source.postgres;

import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.Operation;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.SourceInfo;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.event.TransactionRef;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the change events of one PostgreSQL transaction: source block, transaction block with its
 * total and per-table order, and the per-table counts for the END marker.
 *
 * <p>Not thread-safe: used by the reader thread, one transaction at a time.
 */
final class PgChangeBuilder {

    private final String serverName;
    private final String database;
    private String txId;
    private long xid;
    private long commitTsMs;
    private long totalOrder;
    private final Map<TableId, Long> perTable = new LinkedHashMap<>();
    private final Map<TableId, long[]> tableOrder = new HashMap<>();

    PgChangeBuilder(String serverName, String database) {
        this.serverName = serverName;
        this.database = database;
    }

    /** Starts a transaction. */
    void begin(PgMessage.Begin begin) {
        xid = begin.xid();
        txId = begin.xid() + ":" + begin.finalLsn().asLong();
        commitTsMs = begin.commitTime().toEpochMilli();
        totalOrder = 0;
        perTable.clear();
        tableOrder.clear();
    }

    String txId() {
        return txId;
    }

    long commitTsMs() {
        return commitTsMs;
    }

    long eventCount() {
        return totalOrder;
    }

    /** Events per table so far, in first-seen order (a copy). */
    Map<TableId, Long> perTableCounts() {
        return new LinkedHashMap<>(perTable);
    }

    /** One event of the current transaction, at WAL position {@code lsn}. */
    ChangeEvent event(TableId table, Operation op, Row key, Row before, Row after, PgLsn lsn) {
        long[] order = tableOrder.computeIfAbsent(table, t -> new long[1]);
        order[0]++;
        totalOrder++;
        perTable.merge(table, 1L, Long::sum);
        Map<String, Object> position = new LinkedHashMap<>(4);
        position.put("txId", xid);
        position.put("lsn", lsn.asLong());
        SourceInfo source = new SourceInfo("postgresql", serverName, database, table, commitTsMs, "false", position);
        return new ChangeEvent(table, op, key, before, after, source, System.currentTimeMillis(),
                new TransactionRef(txId, totalOrder, order[0]));
    }
}
