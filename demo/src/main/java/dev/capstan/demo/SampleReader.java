package dev.capstan.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import dev.capstan.registry.client.RegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the change topics back and prints a sample event every few seconds, as a consumer would see it. */
final class SampleReader implements AutoCloseable {

    private static final long EVERY_MILLIS = 5_000;
    private final Thread thread;
    private volatile boolean running = true;

    /** Decimals, dates and timestamps shown as values rather than bytes and numbers. */
    private static final org.apache.avro.generic.GenericData READABLE = new org.apache.avro.generic.GenericData();

    static {
        READABLE.addLogicalTypeConversion(new org.apache.avro.Conversions.DecimalConversion());
        READABLE.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.DateConversion());
        READABLE.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMicrosConversion());
        READABLE.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.LocalTimestampMicrosConversion());
    }

    private final RegistryClient registry;
    private final java.util.Map<Integer, Schema> schemas = new java.util.HashMap<>();

    private SampleReader(String bootstrap, PrintStream out, RegistryClient registry) {
        this.registry = registry;
        thread = new Thread(() -> read(bootstrap, out), "demo-samples");
        thread.setDaemon(true);
        thread.start();
    }

    /** Prints a sample event every few seconds and every schema-change notice; Avro decoded via {@code registry}. */
    static SampleReader start(String bootstrap, PrintStream out, RegistryClient registry) {
        return new SampleReader(bootstrap, out, registry);
    }

    private void read(String bootstrap, PrintStream out) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "capstan-demo-samples");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("harbor.public.bookings", "harbor.public.payments", "harbor.schema-changes"));
            long lastPrinted = 0;
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    boolean notice = r.topic().endsWith(".schema-changes");
                    if (r.value() != null && (notice || System.currentTimeMillis() - lastPrinted > EVERY_MILLIS)) {
                        lastPrinted = System.currentTimeMillis();
                        out.printf("[%s] %s key=%s%n         %s%n", notice ? "schema" : "sample", r.topic(),
                                text(r.key()), text(r.value()));
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** JSON as it is; Avro (Confluent wire format) decoded with the writer schema from the registry. */
    private String text(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        if (registry == null || bytes.length < 5 || bytes[0] != 0) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        int id = java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt();
        try {
            Schema schema = schemas.get(id);
            if (schema == null) {
                schema = registry.schemaById(id);
                schemas.put(id, schema);
            }
            Object record = new GenericDatumReader<>(schema, schema, READABLE).read(null,
                    DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
            return "(avro, schema id " + id + ") " + record;
        } catch (Exception e) {
            return "(avro, schema id " + id + ": cannot decode: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(3_000);
    }
}
