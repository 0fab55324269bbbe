package dev.capstan.runtime.source.mysql;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import dev.capstan.runtime.engine.AckTracker;
import dev.capstan.runtime.engine.ChangePublisher;
import dev.capstan.runtime.event.Operation;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.SourceInfo;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.event.TransactionMarker;
import dev.capstan.runtime.source.TransactionEvents;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the binlog reader is and the transaction it is in: the file, the GTID announced for the next
 * transaction, the position after the last commit; one batch per transaction (from its GTID or BEGIN to its
 * XID or COMMIT) confirmed at the position after its commit; the BEGIN marker before the first published
 * event and the END marker at the commit; each event's {@code source} block.
 *
 * <p>Not thread-safe: the stream thread only.
 */
final class BinlogTransaction {

    private final AckTracker<BinlogOffset> tracker;
    private final ChangePublisher publisher;
    private final BinlogPositions positions;
    private final String serverName;
    private final TransactionEvents events = new TransactionEvents();
    private AckTracker.Batch<BinlogOffset> batch;
    private boolean markerSent;
    private String file;
    private Object gtid;
    /** {@code gtid} as text, once per transaction. */
    private String gtidText;
    /** Where the current transaction starts (the end of the one before): its events' {@code pos}. */
    private long start;
    private BinlogOffset read;

    BinlogTransaction(AckTracker<BinlogOffset> tracker, ChangePublisher publisher, BinlogPositions positions,
                      String serverName) {
        this.tracker = tracker;
        this.publisher = publisher;
        this.positions = positions;
        this.serverName = serverName;
    }

    /** A new session reads from {@code from}: nothing open. */
    void reset(BinlogOffset from) {
        batch = null;
        read = from;
        file = from.filePosition().file();
        gtid = null;
        gtidText = null;
    }

    /** The stream moved to binlog {@code name}. */
    void rotate(String name) {
        file = name;
    }

    /** The GTID of the next transaction ({@link MariaDbGtid} or the connector's MySQL GTID). */
    void gtid(Object next) {
        gtid = next;
        gtidText = next.toString();
    }

    boolean open() {
        return batch != null;
    }

    AckTracker.Batch<BinlogOffset> batch() {
        return batch;
    }

    /** A transaction starts (MariaDB: its GTID event; MySQL: BEGIN after the GTID event). */
    void begin(EventHeaderV4 header) {
        if (batch != null) {
            return;
        }
        batch = tracker.open();
        markerSent = false;
        start = header.getNextPosition() > 0 ? header.getPosition()
                : read.filePosition().file().equals(file) ? read.filePosition().position() : 4;
        events.begin(gtidText == null ? file + ":" + start : gtidText, header.getTimestamp());
    }

    /** The transaction commits (XID, or COMMIT of a non-transactional engine); returns the position after it. */
    BinlogOffset commit(EventHeaderV4 header) throws InterruptedException {
        BinlogOffset after = positions.after(read, file, header.getNextPosition(), gtid);
        if (batch == null) {
            batch = tracker.open();
        } else if (markerSent) {
            publisher.publishMarker(TransactionMarker.end(events.txId(), events.commitTsMs(), events.eventCount(),
                    events.perTableCounts()), batch);
        }
        tracker.seal(batch, after);
        batch = null;
        gtid = null;
        gtidText = null;
        read = after;
        return after;
    }

    /** Publishes one change of the open transaction, after its BEGIN marker. */
    void publish(TableId table, Operation op, Row key, Row before, Row after, EventHeaderV4 header, int row)
            throws InterruptedException {
        if (!markerSent) {
            markerSent = true;
            publisher.publishMarker(TransactionMarker.begin(events.txId(), events.commitTsMs()), batch);
        }
        Map<String, Object> position = new LinkedHashMap<>(8);
        position.put("file", file);
        position.put("pos", start); // servers do not give row events inside a transaction a position
        position.put("gtid", gtidText);
        position.put("server_id", header.getServerId());
        position.put("row", row);
        SourceInfo source = new SourceInfo("mysql", serverName, table.schema(), table, header.getTimestamp(), "false",
                position);
        publisher.publish(events.event(table, op, key, before, after, source), batch);
    }

    String file() {
        return file;
    }

    long start() {
        return start;
    }

    Object gtid() {
        return gtid;
    }
}
