package dev.capstan.runtime.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.api.v1alpha1.status.TableSnapshotPhase;
import dev.capstan.runtime.support.RowModel;
import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.runtime.support.TopicReader;
import dev.capstan.runtime.support.TopicReader.Rec;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.MariaDbServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * MariaDB snapshots with the watermark table: consistent under concurrent writes, and a purged binlog
 * position is recovered by a re-snapshot.
 */
@WithMariaDb
@WithKafka
class MySqlSnapshotTest {

    @ParameterizedTest(name = "seed {0}, chunkSize {1}, parallelism {2}")
    @CsvSource({"21, 300, 1", "22, 700, 3"})
    void concurrentWritesNeverLeaveAStaleRow(long seed, int chunkSize, int parallelism, MariaDbServer mariadb,
                                             KafkaBroker kafka) throws Exception {
        String name = "mysnap" + seed;
        String db = mariadb.createDatabase(name);
        int rows = 8_000;
        Sql.exec(mariadb, db, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40))",
                "INSERT INTO items SELECT seq, CONCAT('seed', seq) FROM seq_1_to_" + rows);
        TestPipeline pipeline = TestPipeline.of(name, mariadb, kafka, List.of(db + ".items"), 5200 + seed)
                .snapshot("{chunkSize: " + chunkSize + ", parallelism: " + parallelism + "}");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        Thread writer = new Thread(() -> write(mariadb, db, rows + rows / 4, seed, writing, writes));
        try (TestPipeline.Running running = pipeline.start()) {
            writer.start();
            long deadline = System.currentTimeMillis() + 120_000;
            while (running.pipeline().status().getSnapshot().getTables().get(0).getPhase() != TableSnapshotPhase.DONE) {
                assertThat(System.currentTimeMillis()).as("snapshot finished in time").isLessThan(deadline);
                Thread.sleep(50);
            }
            Thread.sleep(300);
            writing.set(false);
            writer.join();
            Map<Long, String> expected;
            try (Connection c = mariadb.connect(db)) {
                expected = RowModel.fromTable(c, "items");
            }
            try (TopicReader topic = new TopicReader(kafka.bootstrapServers(), name + "." + db + ".items")) {
                List<Rec> records = topic.readUntil(r -> RowModel.fromTopic(r).equals(expected), Duration.ofSeconds(90),
                        r -> RowModel.differences(r, expected));
                List<Long> readKeys = records.stream().filter(r -> "r".equals(r.op()))
                        .map(r -> r.key().get("id").asLong()).toList();
                assertThat(new java.util.HashSet<>(readKeys)).as("no row read twice").hasSize(readKeys.size());
                assertThat(readKeys.size()).as("snapshot rows").isBetween(rows / 2, rows + rows / 4);
                assertThat(writes.get()).as("writes during the snapshot").isGreaterThan(100);
            }
        }
    }

    @Test
    void aPurgedBinlogPositionIsRecoveredByAReSnapshot(MariaDbServer mariadb, KafkaBroker kafka) throws Exception {
        String db = mariadb.createDatabase("mypurge");
        Sql.exec(mariadb, db, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))", "INSERT INTO t VALUES (1, 'a')");
        TestPipeline pipeline = TestPipeline.of("mypurge", mariadb, kafka, List.of(db + ".t"), 5299)
                .snapshot("{mode: never}");
        try (TopicReader topic = new TopicReader(kafka.bootstrapServers(), "mypurge." + db + ".t")) {
            try (TestPipeline.Running running = pipeline.start()) {
                Sql.exec(mariadb, db, "INSERT INTO t VALUES (2, 'b')");
                topic.read(1, Duration.ofSeconds(60));
            }
            // While the pipeline is down: changes, then the server drops the binlogs that hold them.
            Sql.exec(mariadb, db, "INSERT INTO t VALUES (3, 'c')", "UPDATE t SET v = 'a2' WHERE id = 1",
                    "DELETE FROM t WHERE id = 2", "FLUSH BINARY LOGS");
            Sql.exec(mariadb, db, "PURGE BINARY LOGS BEFORE NOW() + INTERVAL 1 DAY");
            try (TestPipeline.Running running = pipeline.start()) {
                Sql.exec(mariadb, db, "INSERT INTO t VALUES (4, 'd')");
                Map<Long, String> expected;
                try (Connection c = mariadb.connect(db)) {
                    expected = RowModel.fromTable(c, "t");
                }
                List<Rec> records = topic.readUntil(r -> RowModel.fromTopic(r).equals(expected),
                        Duration.ofSeconds(60), r -> RowModel.differences(r, expected));
                assertThat(records).anyMatch(r -> "r".equals(r.op()));
                assertThat(running.pipeline().status().getSnapshot().getCompletedRequests())
                        .singleElement().asString().startsWith("binlog-purged-");
            }
        }
    }

    /** Inserts (new keys, so the table grows), updates and deletes in random order until told to stop. */
    private static void write(MariaDbServer mariadb, String db, int keys, long seed, AtomicBoolean writing,
                              AtomicLong writes) {
        Random random = new Random(seed);
        try (Connection c = mariadb.connect(db);
             PreparedStatement upsert = c.prepareStatement(
                     "INSERT INTO items VALUES (?, ?) ON DUPLICATE KEY UPDATE v = VALUES(v)");
             PreparedStatement delete = c.prepareStatement("DELETE FROM items WHERE id = ?")) {
            while (writing.get()) {
                long id = 1 + random.nextInt(keys);
                if (random.nextInt(4) == 0) {
                    delete.setLong(1, id);
                    delete.executeUpdate();
                } else {
                    upsert.setLong(1, id);
                    upsert.setString(2, "w" + random.nextInt(1_000_000));
                    upsert.executeUpdate();
                }
                writes.incrementAndGet();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
