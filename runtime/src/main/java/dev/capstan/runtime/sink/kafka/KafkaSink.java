package dev.capstan.runtime.sink.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka producer of a pipeline: idempotent, {@code acks=all}, ordered per partition, batched and
 * compressed for throughput. Records are partitioned by key (Kafka's default partitioner), so the
 * events of one row keep their commit order.
 *
 * <p>Thread-safe, as {@link KafkaProducer} is. {@link #send} blocks at most {@code max.block.ms}
 * (metadata or buffer); a record it could not take in time (a topic whose metadata did not arrive)
 * fails through its callback, like every other send failure.
 */
public final class KafkaSink implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    public KafkaSink(Map<String, Object> clientConfig) {
        this(clientConfig, "lz4");
    }

    /**
     * @param compression the producer's {@code compression.type}
     */
    public KafkaSink(Map<String, Object> clientConfig, String compression) {
        Properties config = producerConfig(clientConfig);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        this.producer = new KafkaProducer<>(config);
    }

    /** Producer settings: the client config (bootstrap, security) plus Capstan's delivery settings. */
    static Properties producerConfig(Map<String, Object> clientConfig) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        // A broker outage of any length is waited out; the in-flight window pauses reading meanwhile.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "capstan-runtime");
        return p;
    }

    /** Hands one record to the producer. The callback runs on the producer's I/O thread. */
    public void send(String topic, byte[] key, byte[] value, Callback callback) {
        producer.send(new ProducerRecord<>(topic, key, value), callback);
    }

    /** Blocks until every record handed over so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** Flushes up to {@code timeout}, then closes. */
    public void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
