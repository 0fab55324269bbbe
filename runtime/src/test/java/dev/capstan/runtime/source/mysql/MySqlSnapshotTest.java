package dev.capstan.runtime.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.capstan.api.v1alpha1.status.TableSnapshotPhase;
import dev.capstan.runtime.support.MariaDbWorkload;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        try (MariaDbWorkload workload = MariaDbWorkload.start(mariadb, db, "items", rows + rows / 4, seed, 2);
             TestPipeline.Running running = pipeline.start()) {
            long deadline = System.currentTimeMillis() + 120_000;
            while (running.pipeline().status().getSnapshot().getTables().get(0).getPhase() != TableSnapshotPhase.DONE) {
                assertThat(System.currentTimeMillis()).as("snapshot finished in time").isLessThan(deadline);
                Thread.sleep(50);
            }
            Thread.sleep(300);
            workload.close();
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
                assertThat(workload.transactions()).as("transactions during the snapshot").isGreaterThan(50);
            }
        }
    }

    @Test
    void compositeTextKeysAndARequestReadEveryRowOnce(MariaDbServer mariadb, KafkaBroker kafka) throws Exception {
        String db = mariadb.createDatabase("mykeys");
        Sql.exec(mariadb, db, "CREATE TABLE regional (region VARCHAR(10), id INT, v VARCHAR(10), PRIMARY KEY (region, id))",
                "INSERT INTO regional SELECT ELT(1 + seq % 4, 'eu', 'us', 'ápac', 'Eu-2'), seq, 'x' FROM seq_1_to_999",
                "CREATE TABLE plain (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO plain SELECT seq, 'p' FROM seq_1_to_300");
        TestPipeline pipeline = TestPipeline.of("mykeys", mariadb, kafka, List.of(db + ".regional", db + ".plain"), 5298)
                .snapshot("{mode: never, chunkSize: 70, parallelism: 2, requests: [{id: again-1, tables: ["
                        + db + ".regional, " + db + ".plain]}]}");
        try (TestPipeline.Running running = pipeline.start();
             TopicReader regional = new TopicReader(kafka.bootstrapServers(), "mykeys." + db + ".regional");
             TopicReader plain = new TopicReader(kafka.bootstrapServers(), "mykeys." + db + ".plain")) {
            List<Rec> rows = regional.read(999, Duration.ofSeconds(60));
            assertThat(rows).extracting(r -> r.key().get("region").asText() + "/" + r.key().get("id").asInt())
                    .doesNotHaveDuplicates().hasSize(999);
            assertThat(rows).allMatch(r -> "r".equals(r.op()));
            assertThat(plain.read(300, Duration.ofSeconds(60))).hasSize(300);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> running.pipeline().status().getSnapshot().getCompletedRequests().contains("again-1"));
            assertThat(regional.drain(Duration.ofSeconds(2))).as("nothing read twice").hasSize(999);
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
            // MariaDB 11.4 keeps binlogs unless this many replicas are connected (default 1), and a binlog a
            // disconnecting replica still reads: allow the purge and repeat it until only the active binlog is left.
            Sql.exec(mariadb, db, "SET GLOBAL slave_connections_needed_for_purge = 0");
            long until = System.currentTimeMillis() + 30_000;
            while (binlogs(mariadb, db).size() > 1 && System.currentTimeMillis() < until) {
                Sql.exec(mariadb, db, "PURGE BINARY LOGS BEFORE NOW() + INTERVAL 1 DAY");
                Thread.sleep(200);
            }
            Sql.exec(mariadb, db, "SET GLOBAL slave_connections_needed_for_purge = 1");
            assertThat(binlogs(mariadb, db)).as("binlogs left after the purge").hasSize(1);
            try (TestPipeline.Running running = pipeline.start()) {
                Sql.exec(mariadb, db, "INSERT INTO t VALUES (4, 'd')");
                Map<Long, String> expected;
                try (Connection c = mariadb.connect(db)) {
                    expected = RowModel.fromTable(c, "t");
                }
                // Every row as the table has it now; a row deleted while its binlog was lost stays (documented).
                List<Rec> records = topic.readUntil(
                        r -> RowModel.fromTopic(r).entrySet().containsAll(expected.entrySet()),
                        Duration.ofSeconds(60), r -> RowModel.differences(r, expected));
                assertThat(RowModel.fromTopic(records)).containsOnlyKeys(1L, 2L, 3L, 4L).containsEntry(2L, "b");
                assertThat(records).anyMatch(r -> "r".equals(r.op()));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !running.pipeline().status().getSnapshot().getCompletedRequests().isEmpty());
                assertThat(running.pipeline().status().getSnapshot().getCompletedRequests())
                        .singleElement().asString().startsWith("binlog-purged-");
            }
        }
    }

    private static List<String> binlogs(MariaDbServer mariadb, String db) throws Exception {
        List<String> files = new java.util.ArrayList<>();
        try (Connection c = mariadb.connect(db); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }
}
