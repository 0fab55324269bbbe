package dev.capstan.demo.bench;

import dev.capstan.testing.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Writes a steady load (10-row transactions) and measures, per event, the time from the transaction's
 * commit (stamped by the writer just before COMMIT) to the event being read from Kafka.
 */
final class LatencyProbe {

    private LatencyProbe() {
    }

    static String measure(PostgresServer pg, String db, String table, String bootstrap, String topic,
                          int eventsPerSecond, Duration duration) throws Exception {
        int rowsPerTx = 10;
        AtomicLongArray commitNanosById = new AtomicLongArray(eventsPerSecond * (int) duration.toSeconds() + 1000);
        long baseId = 100_000_000L;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        long[] latencies = new long[commitNanosById.length()];
        int measured = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            Thread writer = new Thread(() -> write(pg, db, table, baseId, rowsPerTx, eventsPerSecond, duration,
                    commitNanosById), "bench-latency-writer");
            writer.start();
            long end = System.nanoTime() + duration.toNanos() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(5))) {
                    long now = System.nanoTime();
                    String key = new String(r.key());
                    long id = Long.parseLong(key.replaceAll("\\D", "")) - baseId;
                    if (id >= 0 && id < commitNanosById.length() && r.value() != null) {
                        long committed = commitNanosById.get((int) id);
                        if (committed > 0) {
                            latencies[measured++] = now - committed;
                        }
                    }
                }
            }
            writer.join();
        }
        long[] sorted = Arrays.copyOf(latencies, measured);
        Arrays.sort(sorted);
        if (measured == 0) {
            return "latency: no events measured\n";
        }
        return String.format(Locale.ROOT, "latency at %,d events/s for %d s: %,d events, commit -> read from Kafka "
                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", eventsPerSecond, duration.toSeconds(), measured,
                sorted[measured / 2] / 1e6, sorted[(int) (measured * 0.99)] / 1e6, sorted[measured - 1] / 1e6);
    }

    private static void write(PostgresServer pg, String db, String table, long baseId, int rowsPerTx, int rate,
                              Duration duration, AtomicLongArray commitNanos) {
        try (Connection c = pg.connect(db);
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                     + " VALUES (?, 1, 9.99, 'new', 'latency probe', now())")) {
            c.setAutoCommit(false);
            long txPerSecond = rate / rowsPerTx;
            long interval = 1_000_000_000L / txPerSecond;
            long next = System.nanoTime();
            long end = next + duration.toNanos();
            int id = 0;
            while (System.nanoTime() < end && id + rowsPerTx < commitNanos.length()) {
                int first = id;
                for (int i = 0; i < rowsPerTx; i++) {
                    insert.setLong(1, baseId + id++);
                    insert.addBatch();
                }
                insert.executeBatch();
                // Stamped just before COMMIT, so the event can never be read before its stamp exists;
                // the measured latency includes the commit itself (conservative).
                long committing = System.nanoTime();
                for (int i = first; i < id; i++) {
                    commitNanos.set(i, committing);
                }
                c.commit();
                next += interval;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("latency writer failed", e);
        }
    }
}
