package dev.capstan.runtime.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.capstan.api.v1alpha1.status.TableSnapshotPhase;
import dev.capstan.api.v1alpha1.status.TableSnapshotStatus;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.offsets.OffsetStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The snapshot of one table for one run (the initial snapshot, or one re-snapshot request): splits the
 * table into key-range chunks in key order, hands them to chunk readers (several at once), and keeps the
 * progress that makes it resumable: every row before {@code resumeAfter} is done, and so are the ranges
 * in {@code doneAhead} (chunks that finished before an earlier one). A restarted job skips exactly those.
 *
 * <p>Thread-safe: chunk readers and the stream thread call it under its lock.
 */
final class SnapshotJob {

    private final String key;
    private final String requestId;
    private final TableId table;
    private final int chunkSize;
    private List<String> cursor;
    private boolean exhausted;
    private boolean estimated;
    private final ArrayDeque<ChunkRange> skip = new ArrayDeque<>();
    private final ArrayDeque<Long> retry = new ArrayDeque<>();
    /** Chunks handed out and not acknowledged yet, by index (index order is key order). */
    private final TreeMap<Long, ChunkRange> open = new TreeMap<>();
    /** Finished chunks after the first open one. */
    private final TreeMap<Long, ChunkRange> doneAhead = new TreeMap<>();
    private long nextIndex;
    private long chunksDone;
    private long rowsScanned;
    private long estimatedChunks;
    private TableSnapshotPhase phase = TableSnapshotPhase.PENDING;

    /**
     * @param key       where its progress is stored in the offset store
     * @param requestId the re-snapshot request it belongs to, or null for the initial snapshot
     * @param stored    progress stored by an earlier run, or null
     */
    SnapshotJob(String key, String requestId, TableId table, int chunkSize, JsonNode stored) {
        this.key = key;
        this.requestId = requestId;
        this.table = table;
        this.chunkSize = chunkSize;
        if (stored != null) {
            resume(stored);
        }
    }

    String key() {
        return key;
    }

    String requestId() {
        return requestId;
    }

    TableId table() {
        return table;
    }

    /**
     * The next range to read, or null when none is left to hand out now (all handed out, or done).
     * Runs the boundary query on {@code reader}.
     */
    synchronized NumberedRange next(ChunkReader reader) throws Exception {
        if (phase == TableSnapshotPhase.DONE) {
            return null;
        }
        if (!retry.isEmpty()) {
            long index = retry.poll();
            return new NumberedRange(index, open.get(index));
        }
        if (exhausted) {
            return null;
        }
        if (!estimated) {
            estimatedChunks = Math.max(1, (reader.estimateRows(table) + chunkSize - 1) / chunkSize);
            estimated = true;
            phase = TableSnapshotPhase.RUNNING;
        }
        while (!skip.isEmpty() && Objects.equals(skip.peekFirst().after(), cursor)) {
            ChunkRange done = skip.pollFirst();
            doneAhead.put(nextIndex++, done);
            if (done.isLast()) {
                exhausted = true;
                finishIfDone();
                return null;
            }
            cursor = done.upTo();
        }
        List<String> limit = skip.isEmpty() ? null : skip.peekFirst().after();
        Optional<List<String>> boundary = reader.boundary(table, cursor, limit, chunkSize);
        ChunkRange range = new ChunkRange(cursor, boundary.orElse(limit));
        exhausted = range.isLast();
        cursor = range.upTo();
        long index = nextIndex++;
        open.put(index, range);
        return new NumberedRange(index, range);
    }

    /** Hands the chunk {@code index} out again (its attempt was aborted or failed). */
    synchronized void retry(long index) {
        if (open.containsKey(index) && !retry.contains(index)) {
            retry.add(index);
        }
    }

    /** Kafka acknowledged every row of chunk {@code index}, which read {@code rows} rows. */
    synchronized void chunkDone(long index, long rows) {
        ChunkRange range = open.remove(index);
        if (range == null) {
            return;
        }
        retry.remove(index);
        chunksDone++;
        rowsScanned += rows;
        doneAhead.put(index, range);
        doneAhead.headMap(open.isEmpty() ? Long.MAX_VALUE : open.firstKey()).clear();
        finishIfDone();
    }

    private void finishIfDone() {
        if (exhausted && open.isEmpty()) {
            phase = TableSnapshotPhase.DONE;
            doneAhead.clear();
            skip.clear();
        }
    }

    synchronized boolean done() {
        return phase == TableSnapshotPhase.DONE;
    }

    /** Whether a chunk may still be handed out (now or after a retry). */
    synchronized boolean hasWork() {
        return phase != TableSnapshotPhase.DONE;
    }

    synchronized long rowsScanned() {
        return rowsScanned;
    }

    synchronized long chunksDone() {
        return chunksDone;
    }

    /** The progress to store: what a restarted job needs to skip every finished chunk. */
    synchronized JsonNode progress() {
        ObjectNode node = OffsetStore.json().createObjectNode();
        node.put("table", table.toString());
        if (requestId != null) {
            node.put("request", requestId);
        }
        node.put("done", phase == TableSnapshotPhase.DONE);
        node.set("resumeAfter", OffsetStore.json().valueToTree(open.isEmpty() ? cursor : open.firstEntry().getValue().after()));
        List<ChunkRange> ahead = new ArrayList<>(doneAhead.values());
        ahead.addAll(skip);
        node.set("doneAhead", OffsetStore.json().valueToTree(ahead));
        node.put("chunksDone", chunksDone);
        node.put("rowsScanned", rowsScanned);
        return node;
    }

    private void resume(JsonNode stored) {
        var json = OffsetStore.json();
        chunksDone = stored.path("chunksDone").asLong();
        rowsScanned = stored.path("rowsScanned").asLong();
        if (stored.path("done").asBoolean()) {
            phase = TableSnapshotPhase.DONE;
            exhausted = true;
            return;
        }
        JsonNode after = stored.path("resumeAfter");
        cursor = after.isArray() ? json.convertValue(after, json.getTypeFactory()
                .constructCollectionType(List.class, String.class)) : null;
        for (JsonNode range : stored.path("doneAhead")) {
            skip.add(json.convertValue(range, ChunkRange.class));
        }
    }

    /** This job's line of {@code status.snapshot.tables}. */
    synchronized TableSnapshotStatus status() {
        TableSnapshotStatus status = new TableSnapshotStatus();
        status.setName(table.toString());
        status.setPhase(phase);
        status.setRowsScanned(rowsScanned);
        status.setChunksDone(chunksDone);
        long known = chunksDone + open.size() + (exhausted ? 0 : 1);
        status.setChunksTotal(phase == TableSnapshotPhase.DONE ? chunksDone : Math.max(known, estimatedChunks));
        return status;
    }

    /** Marks the job failed (for status; the pipeline stops). */
    synchronized void failed() {
        phase = TableSnapshotPhase.FAILED;
    }

    @Override
    public String toString() {
        return (requestId == null ? "initial snapshot" : "re-snapshot " + requestId) + " of " + table;
    }

    /** A chunk's range and its place in the table's key order. */
    record NumberedRange(long index, ChunkRange range) {
    }
}
