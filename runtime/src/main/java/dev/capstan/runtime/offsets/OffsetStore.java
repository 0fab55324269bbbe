package dev.capstan.runtime.offsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capstan.runtime.sink.kafka.KafkaSink;
import dev.capstan.runtime.sink.kafka.SinkException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's one home for offsets: a compacted single-partition topic ({@code <prefix>.capstan-offsets})
 * mapping a key (for example {@code snapshot/initial/public.orders}) to a JSON document. Read whole at
 * start (one record per table and request, so it is small), written through the pipeline's producer.
 * A later write of a key wins, as compaction keeps it.
 *
 * <p>Thread-safe.
 */
public final class OffsetStore {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String topic;
    private final KafkaSink sink;
    private final Map<String, JsonNode> values = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private OffsetStore(String topic, KafkaSink sink) {
        this.topic = topic;
        this.sink = sink;
    }

    /**
     * Reads every record of {@code topic} up to its current end.
     *
     * @throws SinkException when the topic cannot be read within {@code timeout}
     */
    public static OffsetStore load(Map<String, Object> clientConfig, String topic, KafkaSink sink,
                                   Duration timeout) {
        OffsetStore store = new OffsetStore(topic, sink);
        Map<String, Object> config = new LinkedHashMap<>(clientConfig);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "capstan-offsets-reader");
        TopicPartition partition = new TopicPartition(topic, 0);
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            while (consumer.position(partition, timeout) < end) {
                if (System.currentTimeMillis() > deadline) {
                    throw new SinkException("cannot read the offsets topic '" + topic + "' within " + timeout.toSeconds()
                            + " s; check that the brokers are up", null);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    store.apply(r.key(), r.value());
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new SinkException("cannot read the offsets topic '" + topic + "': " + e.getMessage(), e);
        }
        LOG.info("Read {} offsets from {}", store.values.size(), topic);
        return store;
    }

    private void apply(byte[] key, byte[] value) {
        if (key == null) {
            return;
        }
        String k = new String(key, StandardCharsets.UTF_8);
        if (value == null) {
            values.remove(k);
            return;
        }
        try {
            values.put(k, JSON.readTree(value));
        } catch (IOException e) {
            LOG.warn("Ignoring an unreadable offset record '{}' in {}", k, topic);
        }
    }

    /** The stored document of {@code key}. */
    public Optional<JsonNode> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Stores {@code value} under {@code key}; it is durable once {@link #flush} returned true. */
    public void put(String key, JsonNode value) {
        values.put(key, value);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write offset " + key, e);
        }
        pending.incrementAndGet();
        sink.send(topic, key.getBytes(StandardCharsets.UTF_8), bytes, (meta, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            pending.decrementAndGet();
        });
    }

    /** Waits up to {@code timeout} until every write was acknowledged; false on timeout or failure. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (pending.get() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        return pending.get() == 0 && failure.get() == null;
    }

    /** The first write Kafka refused, if any. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** The JSON mapper offsets are written with. */
    public static ObjectMapper json() {
        return JSON;
    }
}
