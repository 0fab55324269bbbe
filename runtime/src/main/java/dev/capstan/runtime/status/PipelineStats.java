package dev.capstan.runtime.status;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the runtime reports: events acknowledged by Kafka and how far behind the source it is.
 *
 * <p>Thread-safe: written from Kafka callbacks and the reader, read by the status and metrics endpoints.
 */
public final class PipelineStats {

    private final LongAdder eventsPublished = new LongAdder();
    private final LongAdder snapshotRows = new LongAdder();
    private final LongAdder incompatibleSchemas = new LongAdder();
    private volatile int heldTables;
    private final AtomicLong lastAckedSourceTsMs = new AtomicLong();
    private final AtomicLong lastReceivedSourceTsMs = new AtomicLong();

    /** Kafka acknowledged an event committed in the source at {@code sourceTsMs}. */
    public void acked(long sourceTsMs) {
        eventsPublished.increment();
        lastAckedSourceTsMs.accumulateAndGet(sourceTsMs, Math::max);
    }

    /** Kafka acknowledged a snapshot row (counted as published; snapshot rows do not count towards lag). */
    public void snapshotRowAcked() {
        eventsPublished.increment();
        snapshotRows.increment();
    }

    /** Snapshot rows acknowledged by Kafka. */
    public long snapshotRows() {
        return snapshotRows.sum();
    }

    /** The reader saw a change committed at {@code sourceTsMs}. */
    public void received(long sourceTsMs) {
        lastReceivedSourceTsMs.accumulateAndGet(sourceTsMs, Math::max);
    }

    public long eventsPublished() {
        return eventsPublished.sum();
    }

    /**
     * Milliseconds between the newest change the reader has seen and the newest change Kafka
     * acknowledged; 0 when everything seen is acknowledged.
     */
    public long millisBehindSource() {
        long received = lastReceivedSourceTsMs.get();
        long acked = lastAckedSourceTsMs.get();
        if (received == 0 || acked >= received) {
            return 0;
        }
        return acked == 0 ? System.currentTimeMillis() - received : Math.max(0, System.currentTimeMillis() - acked);
    }

    public long lastAckedSourceTsMs() {
        return lastAckedSourceTsMs.get();
    }

    /** One more incompatible schema change seen (held, flagged or allowed). */
    public void incompatibleSchema() {
        incompatibleSchemas.increment();
    }

    public long incompatibleSchemas() {
        return incompatibleSchemas.sum();
    }

    /** How many tables are held for a schema review now. */
    public void heldTables(int count) {
        heldTables = count;
    }

    public int heldTables() {
        return heldTables;
    }
}
