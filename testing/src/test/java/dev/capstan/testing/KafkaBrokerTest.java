package dev.capstan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The in-process broker is a real Kafka: records round-trip, and survive a stop and start. */
@WithKafka
class KafkaBrokerTest {

    @Test
    void recordRoundTripsAndSurvivesAStopAndStartOnTheSamePortAndLogDir(KafkaBroker kafka) throws Exception {
        kafka.createTopic("smoke", 2);
        String bootstrap = kafka.bootstrapServers();
        Path logDir = kafka.logDirectory();
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            producer.send(new ProducerRecord<>("smoke", "k1", "before outage")).get(30, TimeUnit.SECONDS);
            assertThat(consume(kafka, "smoke", 1)).containsExactly("k1=before outage");

            kafka.stop();
            CompletableFuture<RecordMetadata> duringOutage = CompletableFuture.supplyAsync(() -> {
                try {   // send() itself may block (max.block.ms) while the broker is away
                    return producer.send(new ProducerRecord<>("smoke", "k2", "during outage")).get();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            try {
                Thread.sleep(1_000);
                assertThat(kafka.isRunning()).isFalse();
                assertThat(duringOutage).isNotDone();
            } finally {
                kafka.start();
            }

            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(kafka.logDirectory()).isEqualTo(logDir);
            duringOutage.get(60, TimeUnit.SECONDS);   // the same producer reconnects to the same address
        }
        assertThat(consume(kafka, "smoke", 2)).containsExactlyInAnyOrder("k1=before outage", "k2=during outage");
    }

    @Test
    void topicsAreAutoCreatedWithOnePartition(KafkaBroker kafka) throws Exception {
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            RecordMetadata written = producer.send(new ProducerRecord<>("auto-created", "k", "v"))
                    .get(30, TimeUnit.SECONDS);
            assertThat(written.partition()).isZero();
        }
        assertThat(consume(kafka, "auto-created", 1)).containsExactly("k=v");
    }

    private static KafkaProducer<String, String> producer(KafkaBroker kafka) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500),
                new StringSerializer(), new StringSerializer());
    }

    /** A new consumer group reads {@code topic} from the beginning until it has {@code count} records. */
    private static List<String> consume(KafkaBroker kafka, String topic, int count) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }
}
