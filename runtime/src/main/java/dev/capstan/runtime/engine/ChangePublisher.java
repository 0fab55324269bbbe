package dev.capstan.runtime.engine;

import dev.capstan.api.naming.PipelineNames;
import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.Operation;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.event.TransactionMarker;
import dev.capstan.runtime.format.JsonEventFormat;
import dev.capstan.runtime.sink.kafka.KafkaSink;
import dev.capstan.runtime.status.PipelineStats;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns change events into Kafka records (event, then a tombstone after a delete; transaction
 * markers) and sends them within the in-flight window, counting each into the source batch it
 * belongs to so the source position is confirmed only after Kafka acknowledged.
 *
 * <p>Called by one reader thread. Blocks while the window is full (backpressure); while it waits it
 * runs {@code whileWaiting} about once a second so the source connection stays alive.
 */
public final class ChangePublisher {

    /** In place of a source timestamp: a snapshot row, counted as published but not towards lag. */
    private static final long SNAPSHOT_ROW = -2;
    private final KafkaSink sink;
    private final JsonEventFormat format = new JsonEventFormat();
    private final InFlightWindow window;
    private final AckTracker<?> tracker;
    private final PipelineStats stats;
    private final String topicPrefix;
    private final boolean tombstones;
    private final Map<TableId, String> topics = new HashMap<>();
    private Runnable whileWaiting = () -> { };
    /** The table published last and its topic (events of one table come in runs). */
    private TableId lastTable;
    private String lastTopic;

    public ChangePublisher(KafkaSink sink, InFlightWindow window, AckTracker<?> tracker, PipelineStats stats,
                           String topicPrefix, boolean tombstones) {
        this.sink = sink;
        this.window = window;
        this.tracker = tracker;
        this.stats = stats;
        this.topicPrefix = topicPrefix;
        this.tombstones = tombstones;
    }

    /** What to run, about once a second, while waiting for room in the window. */
    public void whileWaiting(Runnable action) {
        this.whileWaiting = action;
    }

    /** Sends one event (and its tombstone) into {@code batch}. */
    public void publish(ChangeEvent event, AckTracker.Batch<?> batch) throws InterruptedException {
        String topic = topic(event.table());
        byte[] key = event.key() == null ? null : format.key(event);
        long sourceTs = event.source().tsMs();
        stats.received(sourceTs);
        send(topic, key, format.value(event), batch, sourceTs);
        if (tombstones && event.op() == Operation.DELETE) {
            send(topic, key, null, batch, -1);
        }
    }

    /** Sends one snapshot row, encoding it here (used for the few rows re-marked at the end of a table). */
    public void publishSnapshotRow(ChangeEvent event, AckTracker.Batch<?> batch) throws InterruptedException {
        publishSnapshotRow(event.table(), format.key(event), format.value(event), batch);
    }

    /** Sends one snapshot row of {@code table} already encoded by a chunk reader. */
    public void publishSnapshotRow(TableId table, byte[] key, byte[] value, AckTracker.Batch<?> batch)
            throws InterruptedException {
        send(topic(table), key, value, batch, SNAPSHOT_ROW);
    }

    /** Sends a BEGIN or END marker to {@code <prefix>.transaction} into {@code batch}. */
    public void publishMarker(TransactionMarker marker, AckTracker.Batch<?> batch) throws InterruptedException {
        send(PipelineNames.transactionTopic(topicPrefix), format.markerKey(marker), format.markerValue(marker),
                batch, -1);
    }

    /** Sends a schema-change event to {@code <prefix>.schema-changes} into {@code batch}. */
    public void publishSchemaChange(byte[] key, byte[] value, AckTracker.Batch<?> batch) throws InterruptedException {
        send(PipelineNames.schemaChangesTopic(topicPrefix), key, value, batch, -1);
    }

    private String topic(TableId table) {
        if (table != lastTable) {
            lastTopic = topics.computeIfAbsent(table, t -> PipelineNames.tableTopic(topicPrefix, t.schema(), t.table()));
            lastTable = table;
        }
        return lastTopic;
    }

    private void send(String topic, byte[] key, byte[] value, AckTracker.Batch<?> batch, long sourceTs)
            throws InterruptedException {
        long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length) + 64L;
        while (!window.tryAcquire(size, 1, TimeUnit.SECONDS)) {
            whileWaiting.run();
        }
        batch.sent();
        sink.send(topic, key, value, (meta, error) -> {
            window.release(size);
            if (error != null) {
                tracker.failed(error);
            } else {
                batch.acked();
                if (sourceTs >= 0) {
                    stats.acked(sourceTs);
                } else if (sourceTs == SNAPSHOT_ROW) {
                    stats.snapshotRowAcked();
                }
            }
        });
    }
}
