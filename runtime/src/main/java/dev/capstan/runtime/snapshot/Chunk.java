package dev.capstan.runtime.snapshot;

import dev.capstan.runtime.engine.AckTracker;
import dev.capstan.runtime.event.Row;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One attempt at reading one chunk. A chunk reader registers it, writes the low watermark, reads and
 * encodes the rows, writes the high watermark and waits; the stream thread opens the chunk's window at
 * the low watermark, collects the keys the stream changes inside it, and at the high watermark publishes
 * the rows whose keys it did not see change. An attempt that loses its watermarks (a new replication
 * session) is aborted and its range read again by a new attempt.
 *
 * <p>The window fields are confined to the stream thread; the outcome and the records are handed over
 * through volatile fields and a future.
 */
final class Chunk {

    private final SnapshotJob job;
    private final long index;
    private final ChunkRange range;
    private final String id;
    private final CompletableFuture<Boolean> outcome = new CompletableFuture<>();
    private volatile List<SnapshotRecord> records;
    private volatile int rowsRead;
    private volatile long[] inProgress;
    private Set<Row> changed;
    private long windowMark;
    private boolean truncated;
    private AckTracker.Batch<?> batch;

    Chunk(SnapshotJob job, long index, ChunkRange range, String id) {
        this.job = job;
        this.index = index;
        this.range = range;
        this.id = id;
    }

    SnapshotJob job() {
        return job;
    }

    long index() {
        return index;
    }

    ChunkRange range() {
        return range;
    }

    String id() {
        return id;
    }

    /**
     * Chunk reader: the rows are read and encoded (before the high watermark is written), with the
     * transactions that were in progress for the read.
     */
    void ready(List<SnapshotRecord> records, long[] inProgress) {
        this.rowsRead = records.size();
        this.inProgress = inProgress;
        this.records = records;
    }

    long[] inProgress() {
        return inProgress;
    }

    List<SnapshotRecord> records() {
        return records;
    }

    int rowsRead() {
        return rowsRead;
    }

    /** Stream thread: the low watermark arrived, after the transactions up to {@code mark} of the history. */
    void openWindow(long mark) {
        changed = new HashSet<>();
        windowMark = mark;
    }

    long windowMark() {
        return windowMark;
    }

    boolean windowOpen() {
        return changed != null;
    }

    /** Stream thread: the stream changed the row with {@code key} inside the window. */
    void changed(Row key) {
        changed.add(key);
    }

    /** Stream thread: the table was truncated inside the window; none of the chunk's rows may be published. */
    void truncated() {
        truncated = true;
    }

    /** Stream thread: whether the row with {@code key} must be left out (the stream has newer data). */
    boolean superseded(Row key) {
        return truncated || (!changed.isEmpty() && changed.contains(key));
    }

    /** Stream thread: the rows went to Kafka in {@code batch}; frees them and releases the reader. */
    void published(AckTracker.Batch<?> batch) {
        this.batch = batch;
        this.records = null;
        this.changed = null;
        outcome.complete(true);
    }

    /** Kafka acknowledged every published row (stream thread). */
    boolean acknowledged() {
        return batch != null && batch.acknowledged();
    }

    /** The attempt is given up; its range must be read again. */
    void abort() {
        records = null;
        outcome.complete(false);
    }

    boolean finished() {
        return outcome.isDone();
    }

    /** Chunk reader: true once published, false once aborted, null while neither within {@code millis}. */
    Boolean await(long millis) throws InterruptedException {
        try {
            return outcome.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            return false;
        }
    }
}
