package dev.capstan.runtime.engine;

import dev.capstan.api.naming.PipelineNames;
import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.Operation;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.event.TransactionMarker;
import dev.capstan.runtime.format.EventEncoding;
import dev.capstan.runtime.schema.SchemaNotice;
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
 * <p>The reader thread calls the publish methods: they count the records into the batch at once (so a
 * sealed batch is never complete before its records were sent) and hand encoding and sending to the
 * publisher's own thread, in call order, so decoding and encoding run on two cores. The hand-off is
 * bounded; while it is full the reader thread blocks (backpressure) and runs {@code whileWaiting} about
 * once a second so the source connection stays alive.
 */
public final class ChangePublisher implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChangePublisher.class);
    /** In place of a source timestamp: a snapshot row, counted as published but not towards lag. */
    private static final long SNAPSHOT_ROW = -2;
    /** Decoded events waiting to be encoded: at most this many, holding about this many bytes. */
    private static final int HAND_OFF_ITEMS = 1024;
    private static final long HAND_OFF_BYTES = 16L << 20;
    private final KafkaSink sink;
    private final EventEncoding.Encoder encoder;
    private final boolean avro;
    private final InFlightWindow window;
    private final AckTracker<?> tracker;
    private final PipelineStats stats;
    private final String topicPrefix;
    private final boolean tombstones;
    private final Map<TableId, String> topics = new HashMap<>();
    private final HandOff handOff;
    private Runnable whileWaiting = () -> { };
    /** Publisher thread: the table published last and its topic (events of one table come in runs). */
    private TableId lastTable;
    private String lastTopic;

    public ChangePublisher(KafkaSink sink, InFlightWindow window, AckTracker<?> tracker, PipelineStats stats,
                           String topicPrefix, boolean tombstones, EventEncoding encoding) {
        this.sink = sink;
        this.encoder = encoding.encoder();
        this.avro = encoding.avro();
        this.window = window;
        this.tracker = tracker;
        this.stats = stats;
        this.topicPrefix = topicPrefix;
        this.tombstones = tombstones;
        this.handOff = new HandOff("capstan-publisher", HAND_OFF_ITEMS, HAND_OFF_BYTES, tracker::failed);
    }

    /** What to run, about once a second, while the reader thread waits for room. */
    public void whileWaiting(Runnable action) {
        this.whileWaiting = action;
    }

    /** Sends one event (and its tombstone) into {@code batch}. */
    public void publish(ChangeEvent event, AckTracker.Batch<?> batch) throws InterruptedException {
        long sourceTs = event.source().tsMs();
        stats.received(sourceTs);
        boolean tombstone = tombstones && event.op() == Operation.DELETE;
        batch.sent();
        if (tombstone) {
            batch.sent();
        }
        handOff.put(() -> {
            if (!encoder.admit(event)) {
                LOG.warn("{} of {} not published: format avro has no schema for the table before its first row",
                        event.op(), event.table());
                skipped(batch, tombstone ? 2 : 1);
                return;
            }
            sendNotices(batch);
            String topic = topic(event.table());
            byte[] key = event.key() == null ? null : encoder.key(event);
            send(topic, key, encoder.value(event), batch, sourceTs);
            if (tombstone) {
                send(topic, key, null, batch, -1);
            }
        }, estimate(event), whileWaiting);
    }

    /** Counts records that were counted into {@code batch} but will not be sent as acknowledged. */
    private static void skipped(AckTracker.Batch<?> batch, int records) {
        for (int i = 0; i < records; i++) {
            batch.acked();
        }
    }

    /** Publisher thread: sends the schema-change notices due before the next event, into {@code batch}. */
    private void sendNotices(AckTracker.Batch<?> batch) throws InterruptedException {
        sendNotices(batch, () -> { });
    }

    /**
     * Sends the schema-change notices due, into {@code batch}: from the publisher thread, or from the stream
     * thread while the hand-off is idle (the encoder is then not in use).
     */
    private void sendNotices(AckTracker.Batch<?> batch, Runnable whileWaiting) throws InterruptedException {
        for (SchemaNotice notice = encoder.nextNotice(); notice != null; notice = encoder.nextNotice()) {
            batch.sent();
            send(PipelineNames.schemaChangesTopic(topicPrefix), encoder.format().noticeKey(notice),
                    encoder.format().noticeValue(notice), batch, -1, whileWaiting);
        }
    }

    /** Sends one snapshot row, encoding it on the publisher thread (the few rows re-marked at the end of a table). */
    public void publishSnapshotRow(ChangeEvent event, AckTracker.Batch<?> batch) throws InterruptedException {
        batch.sent();
        handOff.put(() -> {
            encoder.admit(event);
            sendNotices(batch);
            send(topic(event.table()), encoder.key(event), encoder.value(event), batch, SNAPSHOT_ROW);
        }, estimate(event), whileWaiting);
    }

    /**
     * Sends the first {@code count} snapshot rows of {@code table}, already encoded by a chunk reader, from the
     * calling thread once everything handed over before was sent (order kept; there is nothing to encode, and
     * the chunk reader waits for its rows to be out before it reads the next chunk).
     */
    public void publishSnapshotRows(TableId table, byte[][] keys, byte[][] values, int count,
                                    AckTracker.Batch<?> batch) throws InterruptedException {
        handOff.awaitIdle(whileWaiting);
        sendNotices(batch, whileWaiting);
        String topic = topic(table);
        for (int i = 0; i < count; i++) {
            batch.sent();
            send(topic, keys[i], values[i], batch, SNAPSHOT_ROW, whileWaiting);
        }
    }

    /** Sends a BEGIN or END marker to {@code <prefix>.transaction} into {@code batch}. */
    public void publishMarker(TransactionMarker marker, AckTracker.Batch<?> batch) throws InterruptedException {
        batch.sent();
        handOff.put(() -> send(PipelineNames.transactionTopic(topicPrefix), encoder.format().markerKey(marker),
                encoder.format().markerValue(marker), batch, -1), 256, whileWaiting);
    }

    /** Sends a schema-change event to {@code <prefix>.schema-changes} into {@code batch}. */
    public void publishSchemaChange(byte[] key, byte[] value, AckTracker.Batch<?> batch) throws InterruptedException {
        if (avro) {
            return; // the topic carries Avro schema notices only; the DDL text is in the runtime's log
        }
        batch.sent();
        String topic = PipelineNames.schemaChangesTopic(topicPrefix);
        handOff.put(() -> send(topic, key, value, batch, -1),
                (key == null ? 0 : key.length) + (value == null ? 0 : value.length) + 64L, whileWaiting);
    }

    /** About the memory a decoded event holds until it is encoded. */
    private static long estimate(ChangeEvent event) {
        return 128 + estimate(event.before()) + estimate(event.after()) + estimate(event.key());
    }

    private static long estimate(dev.capstan.runtime.event.Row row) {
        if (row == null) {
            return 0;
        }
        long bytes = 16L * row.size();
        for (int i = 0; i < row.size(); i++) {
            if (row.value(i) instanceof String text) {
                bytes += text.length();
            }
        }
        return bytes;
    }

    private String topic(TableId table) {
        if (table != lastTable) {
            lastTopic = topics.computeIfAbsent(table, t -> PipelineNames.tableTopic(topicPrefix, t.schema(), t.table()));
            lastTable = table;
        }
        return lastTopic;
    }

    /** Publisher thread: waits for room in the window, then sends; the record was counted into the batch. */
    private void send(String topic, byte[] key, byte[] value, AckTracker.Batch<?> batch, long sourceTs)
            throws InterruptedException {
        // Kafka is slow or away: the hand-off fills up and the reader thread waits (and keeps its source alive)
        send(topic, key, value, batch, sourceTs, () -> { });
    }

    private void send(String topic, byte[] key, byte[] value, AckTracker.Batch<?> batch, long sourceTs,
                      Runnable whileWaiting) throws InterruptedException {
        long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length) + 64L;
        while (!window.tryAcquire(size, 1, TimeUnit.SECONDS)) {
            whileWaiting.run();
        }
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

    /** Sends what was handed over, then ends the publisher thread. */
    @Override
    public void close() {
        handOff.close();
    }
}
