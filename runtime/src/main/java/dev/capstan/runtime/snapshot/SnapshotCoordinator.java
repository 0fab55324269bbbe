package dev.capstan.runtime.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.capstan.api.v1alpha1.snapshot.SnapshotMode;
import dev.capstan.api.v1alpha1.status.SnapshotStatus;
import dev.capstan.api.v1alpha1.status.TableSnapshotPhase;
import dev.capstan.api.v1alpha1.status.TableSnapshotStatus;
import dev.capstan.runtime.config.SnapshotConfig;
import dev.capstan.runtime.engine.AckTracker;
import dev.capstan.runtime.engine.ChangePublisher;
import dev.capstan.runtime.format.EventEncoding;
import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.SourceInfo;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.offsets.OffsetStore;
import dev.capstan.runtime.sink.kafka.SinkException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the snapshots of a pipeline while it streams, with the watermark technique (Netflix DBLog,
 * Debezium incremental snapshots): chunk readers ({@link ChunkWorker}) read key-range chunks with plain
 * queries, each bracketed by a low and a high watermark written into the change stream; the stream thread
 * drops from a chunk every row the stream changed between its watermarks and publishes the rest at the
 * high watermark, so a snapshot row never overwrites a newer change and per-key order holds.
 *
 * <p>Plans the initial snapshot ({@code snapshot.mode}) and each re-snapshot request not done yet, from the
 * progress in the {@link OffsetStore}; stores progress after Kafka acknowledged a chunk's rows, so a
 * restart resumes after the last finished chunk, and a finished request id is never run again.
 *
 * <p>Threads: the stream thread calls {@link #onChange}, {@link #onTruncate}, {@link #onWatermark},
 * {@link #tick} and {@link #streamRestarted}; chunk readers run on their own threads; {@link #status}
 * may be called from any thread.
 */
public final class SnapshotCoordinator implements AutoCloseable {

    /** The prefix of watermark messages in the change stream. */
    public static final String WATERMARK_PREFIX = "capstan.watermark";
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCoordinator.class);

    private final SnapshotConfig config;
    private final OffsetStore offsets;
    private final String attemptPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    private final AtomicLong attempts = new AtomicLong();
    private final List<SnapshotJob> jobs = new CopyOnWriteArrayList<>();
    private final Map<String, List<SnapshotJob>> openRequests = new ConcurrentHashMap<>();
    private final List<String> completedRequests = new CopyOnWriteArrayList<>();
    private final Map<String, Chunk> registered = new ConcurrentHashMap<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final List<ChunkWorker> workers = new ArrayList<>();
    private final AtomicLong workerNames = new AtomicLong();
    private final AtomicLong rereads = new AtomicLong();
    private ChunkReader.Factory readers;
    private boolean closed;
    /** Stream thread only. */
    private final Map<TableId, List<Chunk>> windows = new HashMap<>();
    /** Stream thread only: the last transactions delivered, to find reads that missed one of them. */
    private final TransactionHistory history = new TransactionHistory(65_536);
    /** Stream thread only: published chunks waiting for Kafka's acknowledgement. */
    private final List<Chunk> published = new ArrayList<>();
    private boolean loggedFinished;

    /** Plans the snapshots of {@code tables} from the configuration and the stored progress. */
    private EventEncoding encoding;

    public SnapshotCoordinator(SnapshotConfig config, List<TableId> tables, OffsetStore offsets) {
        this.config = config;
        this.offsets = offsets;
        if (config.mode() != SnapshotMode.NEVER) {
            for (TableId table : tables) {
                addJob("snapshot/initial/" + table, null, table);
            }
        }
        addRequests(config.requests());
    }

    /**
     * Plans the requests whose ids are new (neither done nor planned); each id runs once. Safe to call
     * while running: re-snapshots of spec changes applied live.
     */
    public synchronized void addRequests(List<SnapshotConfig.Request> requests) {
        boolean added = false;
        for (SnapshotConfig.Request request : requests) {
            if (completedRequests.contains(request.id()) || openRequests.containsKey(request.id())) {
                continue;
            }
            if (offsets.get(requestKey(request.id())).isPresent()) {
                completedRequests.add(request.id());
                continue;
            }
            List<SnapshotJob> requestJobs = new ArrayList<>();
            for (TableId table : request.tables()) {
                requestJobs.add(addJob("snapshot/request/" + request.id() + "/" + table, request.id(), table));
            }
            openRequests.put(request.id(), requestJobs);
            added = true;
        }
        if (added) {
            startWorkers();
        }
    }

    private SnapshotJob addJob(String key, String requestId, TableId table) {
        SnapshotJob job = new SnapshotJob(key, requestId, table, config.chunkSize(), offsets.get(key).orElse(null));
        jobs.add(job);
        if (job.done()) {
            LOG.debug("{} already done", job);
        } else {
            LOG.info("Planned {}{}", job, job.chunksDone() > 0 ? ", resuming after " + job.chunksDone() + " chunks" : "");
        }
        return job;
    }

    /** Starts {@code snapshot.parallelism} chunk readers when there is anything to read. */
    public synchronized void start(ChunkReader.Factory readers, EventEncoding encoding) {
        this.readers = readers;
        this.encoding = encoding;
        startWorkers();
    }

    /** A chunk reader thread ends (its work ran out, or it failed); replaces it when new work arrived. */
    synchronized void exited(ChunkWorker worker) {
        workers.remove(worker);
        if (failure.get() == null) {
            startWorkers();
        }
    }

    /** Brings the chunk readers up to {@code snapshot.parallelism} while there is work. */
    private void startWorkers() {
        if (closed || readers == null || finished()) {
            return;
        }
        workers.removeIf(w -> !w.alive());
        while (workers.size() < config.parallelism()) {
            ChunkWorker worker = new ChunkWorker(this, readers, encoding, "capstan-snapshot-" + workerNames.incrementAndGet());
            workers.add(worker);
            worker.start();
        }
    }

    /** Whether every planned snapshot is done (for {@code snapshot.mode: initial_only}). */
    public boolean finished() {
        return jobs.stream().noneMatch(SnapshotJob::hasWork);
    }

    // ---- chunk readers ----

    /** The next chunk to read, or null when nothing can be handed out now. */
    Chunk next(ChunkReader reader) throws Exception {
        for (SnapshotJob job : jobs) {
            SnapshotJob.NumberedRange range = job.next(reader);
            if (range != null) {
                Chunk chunk = new Chunk(job, range.index(), range.range(),
                        attemptPrefix + "-" + attempts.incrementAndGet());
                registered.put(chunk.id(), chunk);
                return chunk;
            }
        }
        return null;
    }

    /** A chunk reader gave up an attempt (failure or abort): the range is read again. */
    void retry(Chunk chunk) {
        registered.remove(chunk.id());
        chunk.abort();
        chunk.job().retry(chunk.index());
    }

    /** A chunk reader hit an error that retrying will not fix: the pipeline stops with it. */
    void fail(SnapshotJob job, Exception e) {
        if (job != null) {
            job.failed();
        }
        failure.compareAndSet(null, new SnapshotException((job == null ? "the snapshot" : job.toString())
                + " failed: " + e.getMessage(), e));
    }

    // ---- stream thread ----

    /** The stream delivers transaction {@code id} (its changes follow). */
    public void onTransaction(long id) {
        history.add(id);
    }

    /** The stream changed the row with {@code key} in {@code table}. */
    public void onChange(TableId table, Row key) {
        if (windows.isEmpty()) {
            return;
        }
        List<Chunk> open = windows.get(table);
        if (open != null) {
            for (Chunk chunk : open) {
                chunk.changed(key);
            }
        }
    }

    /** The stream truncated {@code table}. */
    public void onTruncate(TableId table) {
        List<Chunk> open = windows.get(table);
        if (open != null) {
            open.forEach(Chunk::truncated);
        }
    }

    /**
     * A watermark arrived in the stream: at a low one the chunk's window opens; at a high one the chunk's
     * rows that the stream did not change meanwhile are published into {@code batch}.
     */
    public void onWatermark(String content, ChangePublisher publisher, AckTracker.Batch<?> batch)
            throws InterruptedException {
        int colon = content.lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        Chunk chunk = registered.get(content.substring(0, colon));
        if (chunk == null) {
            return; // another pipeline's watermark, or an attempt given up
        }
        TableId table = chunk.job().table();
        if (content.endsWith(":low")) {
            chunk.openWindow(history.mark());
            windows.computeIfAbsent(table, t -> new ArrayList<>()).add(chunk);
            return;
        }
        registered.remove(chunk.id());
        closeWindow(chunk);
        if (!chunk.windowOpen() || chunk.records() == null) {
            chunk.abort(); // its low watermark went by in an earlier session: read the range again
            chunk.job().retry(chunk.index());
            return;
        }
        if (history.deliveredBefore(chunk.windowMark(), chunk.inProgress())) {
            // A transaction committed before the low watermark in the log was not yet visible to the read
            // (a commit becomes visible a moment after its log record): the rows may be older than the stream.
            LOG.debug("Chunk {} of {} missed a transaction the stream already delivered; reading it again",
                    chunk.index(), chunk.job());
            rereads.incrementAndGet();
            chunk.abort();
            chunk.job().retry(chunk.index());
            return;
        }
        publish(chunk, publisher, batch);
    }

    private void publish(Chunk chunk, ChangePublisher publisher, AckTracker.Batch<?> batch)
            throws InterruptedException {
        List<SnapshotRecord> records = chunk.records();
        int last = -1;
        if (chunk.range().isLast()) {
            for (int i = records.size() - 1; i >= 0 && last < 0; i--) {
                if (!chunk.superseded(records.get(i).key())) {
                    last = i;
                }
            }
        }
        byte[][] keys = new byte[records.size()][];
        byte[][] values = new byte[records.size()][];
        int count = 0;
        int end = last < 0 ? records.size() : last;
        for (int i = 0; i < end; i++) {
            SnapshotRecord r = records.get(i);
            if (!chunk.superseded(r.key())) {
                keys[count] = r.keyBytes();
                values[count++] = r.value();
            }
        }
        publisher.publishSnapshotRows(chunk.job().table(), keys, values, count, batch);
        if (last >= 0) {
            publisher.publishSnapshotRow(asLast(records.get(last).event()), batch); // rows after it are superseded
        }
        chunk.published(batch);
        published.add(chunk);
    }

    private static ChangeEvent asLast(ChangeEvent e) {
        SourceInfo s = e.source();
        return new ChangeEvent(e.table(), e.op(), e.key(), e.before(), e.after(),
                new SourceInfo(s.connector(), s.name(), s.db(), s.table(), s.tsMs(), "last", s.position()),
                e.tsMs(), e.transaction());
    }

    private void closeWindow(Chunk chunk) {
        List<Chunk> open = windows.get(chunk.job().table());
        if (open != null) {
            open.remove(chunk);
            if (open.isEmpty()) {
                windows.remove(chunk.job().table());
            }
        }
    }

    /**
     * Stores the progress of chunks Kafka acknowledged, completes requests, and rethrows a snapshot
     * failure. Stream thread, every tick.
     */
    public void tick() {
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
        offsets.failure().ifPresent(e -> {
            throw new SinkException("Kafka did not take a snapshot offset (" + e.getMessage() + ")", e);
        });
        windows.values().forEach(open -> open.removeIf(Chunk::finished));
        windows.values().removeIf(List::isEmpty);
        for (Iterator<Chunk> it = published.iterator(); it.hasNext(); ) {
            Chunk chunk = it.next();
            if (chunk.acknowledged()) {
                it.remove();
                SnapshotJob job = chunk.job();
                job.chunkDone(chunk.index(), chunk.rowsRead());
                offsets.put(job.key(), job.progress());
                if (job.done()) {
                    LOG.info("Finished {}: {} rows in {} chunks", job, job.rowsScanned(), job.chunksDone());
                }
            }
        }
        completeRequests();
        if (!loggedFinished && !jobs.isEmpty() && finished()) {
            loggedFinished = true;
            long again = rereads.get();
            LOG.info("All snapshots done{}", again == 0 ? "" : "; " + again + " chunks were read again because "
                    + "a transaction committed before their low watermark became visible only after their read");
        }
    }

    private void completeRequests() {
        for (Iterator<Map.Entry<String, List<SnapshotJob>>> it = openRequests.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<SnapshotJob>> request = it.next();
            if (request.getValue().stream().allMatch(SnapshotJob::done)) {
                ObjectNode node = OffsetStore.json().createObjectNode();
                node.put("done", true);
                node.put("completedAt", Instant.now().toString());
                node.set("tables", OffsetStore.json().valueToTree(
                        request.getValue().stream().map(j -> j.table().toString()).toList()));
                offsets.put(requestKey(request.getKey()), node);
                completedRequests.add(request.getKey());
                it.remove();
                LOG.info("Re-snapshot request {} done", request.getKey());
            }
        }
    }

    /**
     * A new replication session starts from the last confirmed position: watermarks of chunks in progress
     * may be lost or replayed, and records of unacknowledged chunks may be lost, so those chunks are read
     * again.
     */
    public void streamRestarted() {
        windows.clear();
        for (Chunk chunk : registered.values()) {
            retry(chunk);
        }
        for (Chunk chunk : published) {
            chunk.job().retry(chunk.index());
        }
        published.clear();
    }

    /** How many chunks were read again because their read missed a transaction the stream had delivered. */
    long rereads() {
        return rereads.get();
    }

    /** Waits up to {@code millis} for the stored progress to be acknowledged. */
    public boolean flush(long millis) throws InterruptedException {
        return offsets.flush(java.time.Duration.ofMillis(millis));
    }

    /**
     * {@code status.snapshot}: per table the snapshot that matters most now (a running one, else a failed
     * one, else one waiting, else the newest finished one), and the finished requests.
     */
    public SnapshotStatus status() {
        Map<TableId, TableSnapshotStatus> tables = new LinkedHashMap<>();
        for (SnapshotJob job : jobs) {
            TableSnapshotStatus status = job.status();
            TableSnapshotStatus shown = tables.get(job.table());
            if (shown == null || rank(status.getPhase()) >= rank(shown.getPhase())) {
                tables.put(job.table(), status);
            }
        }
        SnapshotStatus status = new SnapshotStatus();
        status.setTables(new ArrayList<>(tables.values()));
        status.setCompletedRequests(List.copyOf(completedRequests));
        return status;
    }

    private static int rank(TableSnapshotPhase phase) {
        return switch (phase) {
            case DONE -> 0;
            case PENDING -> 1;
            case FAILED -> 2;
            case RUNNING -> 3;
        };
    }

    /** Stops the chunk readers (their unfinished chunks are read again after a restart). */
    @Override
    public void close() {
        List<ChunkWorker> stopping;
        synchronized (this) {
            closed = true;
            stopping = List.copyOf(workers);
        }
        stopping.forEach(ChunkWorker::shutdown);
        for (ChunkWorker worker : stopping) {
            worker.awaitStopped(5_000);
        }
    }

    private static String requestKey(String id) {
        return "request/" + id;
    }
}
