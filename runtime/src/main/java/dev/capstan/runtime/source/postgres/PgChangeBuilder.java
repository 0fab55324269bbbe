package dev.capstan.runtime.source.postgres;

import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.Operation;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.SourceInfo;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.source.TransactionEvents;
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
    private final TransactionEvents events = new TransactionEvents();
    private long xid;

    PgChangeBuilder(String serverName, String database) {
        this.serverName = serverName;
        this.database = database;
    }

    /** Starts a transaction. */
    void begin(PgMessage.Begin begin) {
        xid = begin.xid();
        events.begin(begin.xid() + ":" + begin.finalLsn().asLong(), begin.commitTime().toEpochMilli());
    }

    String txId() {
        return events.txId();
    }

    long commitTsMs() {
        return events.commitTsMs();
    }

    long eventCount() {
        return events.eventCount();
    }

    /** Events per table so far, in first-seen order (a copy). */
    Map<TableId, Long> perTableCounts() {
        return events.perTableCounts();
    }

    /** One event of the current transaction, at WAL position {@code lsn}. */
    ChangeEvent event(TableId table, Operation op, Row key, Row before, Row after, PgLsn lsn) {
        Map<String, Object> position = new LinkedHashMap<>(4);
        position.put("txId", xid);
        position.put("lsn", lsn.asLong());
        SourceInfo source = new SourceInfo("postgresql", serverName, database, table, events.commitTsMs(), "false",
                position);
        return events.event(table, op, key, before, after, source);
    }
}
