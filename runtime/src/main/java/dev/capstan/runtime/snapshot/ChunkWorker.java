package dev.capstan.runtime.snapshot;

import dev.capstan.runtime.engine.Backoff;
import dev.capstan.runtime.engine.ErrorClassifier;
import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.format.EventEncoding;
import dev.capstan.runtime.format.JsonEventFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One chunk reader thread with its own database connection: takes a chunk from the coordinator, writes
 * the low watermark, reads and encodes the rows, writes the high watermark, and waits until the stream
 * thread published the chunk (so it holds one chunk at most). Connection failures are retried with
 * backoff; the unfinished chunk is read again.
 */
final class ChunkWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkWorker.class);
    private final SnapshotCoordinator coordinator;
    private final ChunkReader.Factory readers;
    private final Thread thread;
    private final Map<String, String> logContext = MDC.getCopyOfContextMap();
    private final EventEncoding.Encoder encoder;
    private volatile boolean running = true;

    ChunkWorker(SnapshotCoordinator coordinator, ChunkReader.Factory readers, EventEncoding encoding, String name) {
        this.coordinator = coordinator;
        this.encoder = encoding.encoder();
        this.readers = readers;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean alive() {
        return thread.isAlive();
    }

    void shutdown() {
        running = false;
    }

    void awaitStopped(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        if (logContext != null) {
            MDC.setContextMap(logContext);
        }
        MDC.put("phase", "snapshot");
        Backoff backoff = new Backoff();
        ChunkReader reader = null;
        try {
            while (running && !coordinator.finished()) {
                Chunk chunk = null;
                try {
                    if (reader == null) {
                        reader = readers.open();
                    }
                    chunk = coordinator.next(reader);
                    if (chunk == null) {
                        Thread.sleep(100);
                        continue;
                    }
                    read(reader, chunk);
                    backoff.reset();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    if (chunk != null) {
                        coordinator.retry(chunk);
                    }
                    if (!ErrorClassifier.isRetriable(e)) {
                        coordinator.fail(chunk == null ? null : chunk.job(), e);
                        return;
                    }
                    long delay = backoff.nextDelayMillis();
                    LOG.warn("Snapshot read failed ({}); retrying in {} ms", e.getMessage(), delay);
                    if (reader != null) {
                        reader.close();
                        reader = null;
                    }
                    Thread.sleep(delay);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (reader != null) {
                reader.close();
            }
            coordinator.exited(this);
        }
    }

    /** Reads one chunk between its watermarks and waits until it is published or given up. */
    private void read(ChunkReader reader, Chunk chunk) throws Exception {
        String low = reader.watermark(chunk.id() + ":low");
        JsonChunkRows json = encoder.format() instanceof JsonEventFormat
                ? reader.readJson(chunk.job().table(), chunk.range(), low) : null;
        if (json != null) {
            chunk.ready(records(json, (JsonEventFormat) encoder.format(), chunk.range().isLast()), json.inProgress());
        } else {
            ChunkRows rows = reader.read(chunk.job().table(), chunk.range(), low);
            chunk.ready(records(rows, chunk.range().isLast()), rows.inProgress());
        }
        reader.watermark(chunk.id() + ":high");
        while (running) {
            Boolean published = chunk.await(200);
            if (published != null) {
                if (!published) {
                    LOG.debug("Chunk {} of {} is read again", chunk.index(), chunk.job());
                }
                return;
            }
        }
    }

    private List<SnapshotRecord> records(ChunkRows rows, boolean keepEvents) throws Exception {
        List<SnapshotRecord> records = new ArrayList<>(rows.rows().size());
        for (ChangeEvent event : rows.rows()) {
            encoder.admit(event);
            records.add(new SnapshotRecord(event.key(), encoder.key(event), encoder.value(event),
                    keepEvents ? event : null));
        }
        return records;
    }

    /** The rows share one layout (so one admission stands for all) and the first row's envelope. */
    private List<SnapshotRecord> records(JsonChunkRows rows, JsonEventFormat format, boolean keepEvents)
            throws Exception {
        List<SnapshotRecord> records = new ArrayList<>(rows.size());
        if (rows.size() == 0) {
            return records;
        }
        ChangeEvent first = rows.events().get(0);
        encoder.admit(first);
        int start = 0;
        for (int i = 0; i < rows.size(); i++) {
            int end = rows.ends()[i];
            records.add(new SnapshotRecord(rows.keys().get(i), rows.keyJson().get(i),
                    format.readValue(first, rows.rows(), start, end - start), keepEvents ? rows.events().get(i) : null));
            start = end;
        }
        return records;
    }
}
