package dev.capstan.runtime.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the beginning, for assertions. Records are parsed as JSON (null for tombstones). */
public final class TopicReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Rec> records = new ArrayList<>();

    /** One record: its key and value as JSON (value null for a tombstone), partition and offset. */
    public record Rec(JsonNode key, JsonNode value, int partition, long offset, byte[] rawKey, byte[] rawValue) {
        public String op() {
            return value == null ? null : value.path("op").asText();
        }

        /** The {@code after} image of the records of operation {@code op}, without the column {@code id}. */
        public static List<ObjectNode> afterWithoutId(List<Rec> records, String op) {
            return records.stream().filter(r -> op.equals(r.op())).map(r -> {
                ObjectNode after = (ObjectNode) r.value().get("after");
                after.remove("id");
                return after;
            }).toList();
        }
    }

    public TopicReader(String bootstrapServers, String... topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics));
    }

    /** Polls until {@code done} holds for everything read so far, or fails after {@code timeout}. */
    public List<Rec> readUntil(Predicate<List<Rec>> done, Duration timeout) {
        return readUntil(done, timeout, r -> "");
    }

    /** As {@link #readUntil(Predicate, Duration)}; on time-out the message ends with {@code explain}'s text. */
    public List<Rec> readUntil(Predicate<List<Rec>> done, Duration timeout,
                               Function<List<Rec>, String> explain) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!done.test(records)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeout + " with " + records.size() + " records; "
                        + explain.apply(records));
            }
            poll();
        }
        return records;
    }

    /** Polls until {@code count} records were read. */
    public List<Rec> read(int count, Duration timeout) {
        return readUntil(r -> r.size() >= count, timeout);
    }

    /**
     * Polls until the consumer has its partitions and then nothing new arrived for {@code quiet};
     * returns everything read.
     */
    public List<Rec> drain(Duration quiet) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            poll();
        }
        long end = System.currentTimeMillis() + quiet.toMillis();
        while (System.currentTimeMillis() < end) {
            int before = records.size();
            poll();
            if (records.size() != before) {
                end = System.currentTimeMillis() + quiet.toMillis();
            }
        }
        return records;
    }

    private void poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            records.add(new Rec(parse(r.key()), parse(r.value()), r.partition(), r.offset(), r.key(), r.value()));
        }
    }

    /** JSON, or a text node for a key that is a plain string (the offsets topic's keys). */
    private static JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(new String(bytes,
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
