package dev.capstan.runtime.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.engine.Pipeline;
import dev.capstan.runtime.engine.RuntimeLimits;
import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.runtime.support.TopicReader;
import dev.capstan.runtime.support.TopicReader.Rec;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.MariaDbServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithMariaDb;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every operation of a MariaDB table arrives in Kafka with the envelope, MySQL source fields and markers. */
@WithMariaDb
@WithKafka
class MySqlStreamingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void everyOperationArrivesWithEnvelopeSourceAndMarkers(MariaDbServer mariadb, KafkaBroker kafka) throws Exception {
        String db = mariadb.createDatabase("myops");
        Sql.exec(mariadb, db, "CREATE TABLE bookings (id BIGINT PRIMARY KEY, guest VARCHAR(40), email VARCHAR(80), "
                + "secret VARCHAR(20), amount DECIMAL(12,2))");
        TestPipeline pipeline = TestPipeline.of("myops", mariadb, kafka, List.of(db + ".bookings"), 5101)
                .edit("      - name: " + db + ".bookings\n", "      - name: " + db + ".bookings\n"
                        + "        excludeColumns: [secret]\n        mask: [{column: email, with: sha256}]\n")
                .snapshot("{mode: never}");
        try (TestPipeline.Running running = pipeline.start();
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "myops." + db + ".bookings");
             TopicReader markers = new TopicReader(kafka.bootstrapServers(), "myops.transaction")) {
            Sql.exec(mariadb, db, "INSERT INTO bookings VALUES (1, 'Ada', 'ada@example.com', 's3cr3t', 12.50)",
                    "UPDATE bookings SET amount = 13.75 WHERE id = 1",
                    "UPDATE bookings SET id = 2 WHERE id = 1",
                    "DELETE FROM bookings WHERE id = 2");
            List<Rec> all = topic.read(7, WAIT);
            List<Rec> records = all.stream().filter(r -> r.key().get("id").asInt() == 1).toList();
            List<Rec> moved = all.stream().filter(r -> r.key().get("id").asInt() == 2).toList();
            assertThat(records).extracting(Rec::op).containsExactly("c", "u", "d", null);
            assertThat(moved).extracting(Rec::op).as("key change: a new row").containsExactly("c", "d", null);
            Rec insert = records.get(0);
            assertThat(insert.key().toString()).isEqualTo("{\"id\":1}");
            JsonNode after = insert.value().get("after");
            assertThat(after.get("guest").asText()).isEqualTo("Ada");
            assertThat(after.has("secret")).as("excluded column").isFalse();
            assertThat(after.get("email").asText()).hasSize(64).doesNotContain("@");
            assertThat(after.get("amount").asText()).isEqualTo("12.50");
            JsonNode source = insert.value().get("source");
            assertThat(source.get("connector").asText()).isEqualTo("mysql");
            assertThat(source.get("db").asText()).isEqualTo(db);
            assertThat(source.get("table").asText()).isEqualTo("bookings");
            assertThat(source.get("snapshot").asText()).isEqualTo("false");
            assertThat(source.get("file").asText()).contains("bin.");
            assertThat(source.get("pos").asLong()).isPositive();
            assertThat(source.get("gtid").asText()).matches("0-1-\\d+");
            assertThat(source.get("server_id").asLong()).isEqualTo(1);
            assertThat(source.get("row").asInt()).isZero();
            assertThat(source.get("ts_ms").asLong()).isPositive();
            assertThat(insert.value().get("transaction").get("id").asText()).isEqualTo(source.get("gtid").asText());

            Rec update = records.get(1);
            assertThat(update.value().get("before").get("amount").asText()).isEqualTo("12.50");
            assertThat(update.value().get("after").get("amount").asText()).isEqualTo("13.75");
            assertThat(records.get(2).value().get("before").get("guest").asText()).as("key change: old row deleted")
                    .isEqualTo("Ada");

            List<Rec> txMarkers = markers.read(8, WAIT);
            assertThat(txMarkers).extracting(r -> r.value().get("status").asText())
                    .containsExactly("BEGIN", "END", "BEGIN", "END", "BEGIN", "END", "BEGIN", "END");
            assertThat(txMarkers.get(1).value().get("event_count").asLong()).isEqualTo(1);
            assertThat(txMarkers.get(0).value().get("id").asText()).isEqualTo(source.get("gtid").asText());
            // the position is stored after Kafka acknowledged, on the stream thread's next round
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                    running.pipeline().status().getLag().getCommittedPosition()).contains("gtid 0-1-"));
        }
    }

    @Test
    void restartResumesAfterTheStoredGtid(MariaDbServer mariadb, KafkaBroker kafka) throws Exception {
        String db = mariadb.createDatabase("myresume");
        Sql.exec(mariadb, db, "CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        TestPipeline pipeline = TestPipeline.of("myresume", mariadb, kafka, List.of(db + ".t"), 5102)
                .snapshot("{mode: never}");
        try (TopicReader topic = new TopicReader(kafka.bootstrapServers(), "myresume." + db + ".t")) {
            try (TestPipeline.Running running = pipeline.start()) {
                Sql.exec(mariadb, db, "INSERT INTO t VALUES (1, 1)", "INSERT INTO t VALUES (2, 2)");
                topic.read(2, WAIT);
            }
            Sql.exec(mariadb, db, "INSERT INTO t VALUES (3, 3)", "UPDATE t SET v = 10 WHERE id = 1");
            try (TestPipeline.Running running = pipeline.start()) {
                Sql.exec(mariadb, db, "INSERT INTO t VALUES (4, 4)");
                List<Rec> records = topic.read(5, WAIT);
                assertThat(records).extracting(r -> r.key().get("id").asInt() + r.op())
                        .containsExactlyInAnyOrder("1c", "2c", "3c", "1u", "4c");
                assertThat(records.stream().filter(r -> r.key().get("id").asInt() == 1)).extracting(Rec::op)
                        .containsExactly("c", "u");
                assertThat(topic.drain(Duration.ofSeconds(2))).as("nothing twice").hasSize(5);
                // the position is stored after Kafka acknowledged, on the stream thread's next round
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                    running.pipeline().status().getLag().getCommittedPosition()).contains("gtid 0-1-"));
            }
        }
    }

    @Test
    void ddlChangesTheRowsThatFollowAndIsPublished(MariaDbServer mariadb, KafkaBroker kafka) throws Exception {
        String db = mariadb.createDatabase("myddl");
        Sql.exec(mariadb, db, "CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(10))");
        TestPipeline pipeline = TestPipeline.of("myddl", mariadb, kafka, List.of(db + ".t"), 5103)
                .snapshot("{mode: never}");
        try (TestPipeline.Running running = pipeline.start();
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "myddl." + db + ".t");
             TopicReader changes = new TopicReader(kafka.bootstrapServers(), "myddl.schema-changes")) {
            Sql.exec(mariadb, db, "INSERT INTO t VALUES (1, 1, 'x')",
                    "ALTER TABLE t ADD COLUMN c VARCHAR(5) DEFAULT 'new'",
                    "INSERT INTO t VALUES (2, 2, 'y', 'z')",
                    "ALTER TABLE t DROP COLUMN b",
                    "INSERT INTO t VALUES (3, 3, 'w')",
                    "ALTER TABLE t RENAME COLUMN a TO amount",
                    "ALTER TABLE t MODIFY amount BIGINT",
                    "INSERT INTO t VALUES (4, 9000000000, 'v')");
            java.util.Map<Integer, String> after = new java.util.TreeMap<>();
            topic.read(4, WAIT).forEach(r -> after.put(r.key().get("id").asInt(), r.value().get("after").toString()));
            assertThat(after).containsExactly(
                    java.util.Map.entry(1, "{\"id\":1,\"a\":1,\"b\":\"x\"}"),
                    java.util.Map.entry(2, "{\"id\":2,\"a\":2,\"b\":\"y\",\"c\":\"z\"}"),
                    java.util.Map.entry(3, "{\"id\":3,\"a\":3,\"c\":\"w\"}"),
                    java.util.Map.entry(4, "{\"id\":4,\"amount\":9000000000,\"c\":\"v\"}"));
            // the topic also carries the schema version notices, one per row shape written: the rename and the
            // type change have rows only after both, so they make one version
            List<Rec> all = changes.readUntil(r -> r.stream().filter(c -> c.value().has("ddl")).count() >= 4
                    && r.stream().filter(c -> c.value().has("newVersion")).count() >= 3, WAIT);
            List<Rec> ddl = all.stream().filter(r -> r.value().has("ddl")).toList();
            assertThat(all.stream().filter(r -> r.value().has("newVersion")).map(r -> r.value().get("changes")
                    .toString())).containsExactly("[\"c: string (added, optional)\"]", "[\"b: removed\"]",
                    "[\"amount: long (added, optional)\",\"a: removed\"]");
            assertThat(ddl).extracting(r -> r.value().get("ddl").asText()).containsExactly(
                    "ALTER TABLE t ADD COLUMN c VARCHAR(5) DEFAULT 'new'", "ALTER TABLE t DROP COLUMN b",
                    "ALTER TABLE t RENAME COLUMN a TO amount", "ALTER TABLE t MODIFY amount BIGINT");
            JsonNode first = ddl.get(0).value();
            assertThat(first.get("databaseName").asText()).isEqualTo(db);
            assertThat(first.get("tableChanges").get(0).get("id").asText()).isEqualTo(db + ".t");
            assertThat(first.get("tableChanges").get(0).get("type").asText()).isEqualTo("ALTER");
            assertThat(first.get("source").get("gtid").asText()).matches("0-1-\\d+");
        }
    }

    @Test
    void statementBinlogIsRefusedWithWhatToSet(KafkaBroker kafka) throws Exception {
        try (MariaDbServer statement = MariaDbServer.builder().option("binlog_format", "STATEMENT").start()) {
            String db = statement.createDatabase("mystmt");
            Sql.exec(statement, db, "CREATE TABLE t (id INT PRIMARY KEY)");
            TestPipeline pipeline = TestPipeline.of("mystmt", statement, kafka, List.of(db + ".t"), 5104);
            Pipeline p = new Pipeline(pipeline.config(), RuntimeLimits.defaults());
            assertThatThrownBy(p::run).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("binlog_format=STATEMENT")
                    .hasMessageContaining("set binlog_format=ROW");
        }
    }
}
