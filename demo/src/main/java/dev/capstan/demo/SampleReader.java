package dev.capstan.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the change topics back and prints a sample event every few seconds, as a consumer would see it. */
final class SampleReader implements AutoCloseable {

    private static final long EVERY_MILLIS = 5_000;
    private final Thread thread;
    private volatile boolean running = true;

    private SampleReader(String bootstrap, PrintStream out) {
        thread = new Thread(() -> read(bootstrap, out), "demo-samples");
        thread.setDaemon(true);
        thread.start();
    }

    static SampleReader start(String bootstrap, PrintStream out) {
        return new SampleReader(bootstrap, out);
    }

    private void read(String bootstrap, PrintStream out) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "capstan-demo-samples");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("harbor.public.bookings", "harbor.public.payments"));
            long lastPrinted = 0;
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && System.currentTimeMillis() - lastPrinted > EVERY_MILLIS) {
                        lastPrinted = System.currentTimeMillis();
                        out.printf("[sample] %s key=%s%n         %s%n", r.topic(), r.key(),
                                new String(r.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(3_000);
    }
}
