package dev.capstan.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's compacted Kafka topic: created when missing (1 partition, {@code cleanup.policy=compact}), read
 * whole on start, appended to synchronously ({@code acks=all}, idempotent producer). Keys and values are JSON text.
 * Not thread-safe for appends: {@link SchemaStore} serializes them.
 */
final class SchemaTopic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaTopic.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final RegistrySettings settings;
    private final TopicPartition partition;
    private final Producer<String, String> producer;

    private SchemaTopic(RegistrySettings settings, Producer<String, String> producer) {
        this.settings = settings;
        this.partition = new TopicPartition(settings.topic(), 0);
        this.producer = producer;
    }

    /** Creates the topic if it is missing and checks it has one partition; blocks up to about 30 s. */
    static SchemaTopic open(RegistrySettings settings) {
        ensureTopic(settings);
        Map<String, Object> config = clientConfig(settings, "producer");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // a write waits at most max.block.ms (no metadata: Kafka unreachable) plus delivery.timeout.ms
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new SchemaTopic(settings, new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()));
    }

    /**
     * Hands every record from the beginning up to the current end offset to {@code sink} (key, value-or-null).
     *
     * @throws StoreException if Kafka cannot be read within {@code timeout}
     */
    void readAll(Duration timeout, BiConsumer<String, String> sink) {
        try {
            read(timeout, sink);
        } catch (RuntimeException e) {
            throw new StoreException("reading Kafka topic " + settings.topic() + " on " + settings.bootstrapServers()
                    + " failed: " + e, e);
        }
    }

    private void read(Duration timeout, BiConsumer<String, String> sink) {
        Map<String, Object> config = clientConfig(settings, "reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            long deadline = System.nanoTime() + timeout.toNanos();
            long count = 0;
            while (consumer.position(partition, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read up to offset " + end + " within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end && record.key() != null) {
                        sink.accept(record.key(), record.value());
                        count++;
                    }
                }
            }
            LOG.info("Read {} records (end offset {}) from topic {}", count, end, settings.topic());
        }
    }

    /**
     * Writes one record and waits until every in-sync replica has it.
     *
     * @throws StoreException if Kafka does not acknowledge it: within {@code max.block.ms} (10 s) when it has no
     *     metadata for the topic, plus {@code delivery.timeout.ms} (20 s) for the acknowledgement
     */
    void append(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), key, value)).get();
        } catch (ExecutionException e) {
            throw writeFailed(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw writeFailed(e);
        } catch (RuntimeException e) {
            throw writeFailed(e);
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    private StoreException writeFailed(Throwable cause) {
        return new StoreException("writing to Kafka topic " + settings.topic() + " on " + settings.bootstrapServers()
                + " failed: " + cause, cause);
    }

    private static void ensureTopic(RegistrySettings settings) {
        String topic = settings.topic();
        Admin admin = Admin.create(clientConfig(settings, "admin"));
        try {
            try {
                NewTopic newTopic = new NewTopic(topic, 1, (short) settings.replicationFactor())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                admin.createTopics(List.of(newTopic)).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                LOG.info("Created topic {} (1 partition, compacted, replication factor {})", topic,
                        settings.replicationFactor());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicDescription description = describe(admin, topic);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("topic " + topic + " has " + description.partitions().size()
                        + " partitions; the schema registry needs a topic with exactly 1");
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create or describe topic " + topic + ": Kafka at "
                    + settings.bootstrapServers() + " did not answer within " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create or describe topic " + topic + " on Kafka at "
                    + settings.bootstrapServers() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing topic " + topic, e);
        } finally {
            admin.close(CLOSE_TIMEOUT);
        }
    }

    /**
     * The topic's description. A topic created a moment ago may not be in the answering broker's metadata yet
     * ({@code UnknownTopicOrPartitionException}): asked again every 100 ms for up to {@link #ADMIN_TIMEOUT}.
     */
    private static TopicDescription describe(Admin admin, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(Set.of(topic)).allTopicNames()
                        .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Map<String, Object> clientConfig(RegistrySettings settings, String role) {
        Map<String, Object> config = new HashMap<>(settings.kafkaProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "capstan-registry-" + role);
        return config;
    }
}
