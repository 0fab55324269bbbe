package dev.capstan.runtime.source;

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
 * Numbers the change events of one source transaction: the transaction block (total and per-table order)
 * and the per-table counts of the END marker. Shared by every source.
 *
 * <p>Not thread-safe: used by the stream thread, one transaction at a time.
 */
public final class TransactionEvents {

    private String txId;
    private long commitTsMs;
    private long totalOrder;
    private final Map<TableId, Long> perTable = new LinkedHashMap<>();
    private final Map<TableId, long[]> tableOrder = new HashMap<>();

    /** Starts transaction {@code txId}, committed at {@code commitTsMs}. */
    public void begin(String txId, long commitTsMs) {
        this.txId = txId;
        this.commitTsMs = commitTsMs;
        totalOrder = 0;
        perTable.clear();
        tableOrder.clear();
    }

    public String txId() {
        return txId;
    }

    public long commitTsMs() {
        return commitTsMs;
    }

    public long eventCount() {
        return totalOrder;
    }

    /** Events per table so far, in first-seen order (a copy). */
    public Map<TableId, Long> perTableCounts() {
        return new LinkedHashMap<>(perTable);
    }

    /** The next event of the current transaction. */
    public ChangeEvent event(TableId table, Operation op, Row key, Row before, Row after, SourceInfo source) {
        long[] order = tableOrder.computeIfAbsent(table, t -> new long[1]);
        order[0]++;
        totalOrder++;
        perTable.merge(table, 1L, Long::sum);
        return new ChangeEvent(table, op, key, before, after, source, System.currentTimeMillis(),
                new TransactionRef(txId, totalOrder, order[0]));
    }
}
