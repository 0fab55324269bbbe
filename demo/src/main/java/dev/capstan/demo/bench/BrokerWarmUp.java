package dev.capstan.demo.bench;

import dev.capstan.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Warms the benchmark's embedded broker before anything is measured: a production broker has been running
 * for days and its request path is JIT-compiled, while the broker in this process starts cold and would
 * otherwise spend the first measurement compiling its own code on the cores the runtime is measured on.
 * Writes records shaped like the benchmark's events (lz4, idempotent, acks=all, three partitions) to a
 * topic of its own.
 */
final class BrokerWarmUp {

    private static final String TOPIC = "capstan-bench-warmup";

    private BrokerWarmUp() {
    }

    static void run(KafkaBroker kafka, int records) throws Exception {
        long t0 = System.nanoTime();
        kafka.createTopic(TOPIC, 3);
        byte[] value = new byte[400];
        Arrays.fill(value, (byte) 'x');
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                byte[] key = ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(TOPIC, key, value));
            }
            producer.flush();
        }
        System.out.printf("broker warm-up: %,d records in %.1f s%n", records, (System.nanoTime() - t0) / 1e9);
    }
}
