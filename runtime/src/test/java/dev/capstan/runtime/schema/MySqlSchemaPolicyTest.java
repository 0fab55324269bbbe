package dev.capstan.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.capstan.api.v1alpha1.status.TableSchemaStatus;
import dev.capstan.registry.RegistryServer;
import dev.capstan.registry.client.RegistryClient;
import dev.capstan.runtime.config.SchemaPolicyConfig;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.support.AvroRecords;
import dev.capstan.runtime.support.RegistryExtension;
import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.runtime.support.TopicReader;
import dev.capstan.runtime.support.TopicReader.Rec;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.MariaDbServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithMariaDb;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MySQL/MariaDB DDL under a schema policy, format avro, with a real MariaDB, Kafka and capstan-registry. */
@WithMariaDb
@WithKafka
@ExtendWith(RegistryExtension.class)
class MySqlSchemaPolicyTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final RegistryServer registry;
    private final RegistryClient client;

    MySqlSchemaPolicyTest(RegistryServer registry) {
        this.registry = registry;
        this.client = new RegistryClient(registry.url(), null, null, Duration.ofSeconds(10));
    }

    @Test
    void ddlAddsVersionsAndANarrowingIsHeldUntilApproved(MariaDbServer mariadb, KafkaBroker kafka) throws Exception {
        String db = mariadb.createDatabase("myavro");
        Sql.exec(mariadb, db, "CREATE TABLE orders (id BIGINT PRIMARY KEY, total BIGINT, placed DATETIME(6), "
                + "price DECIMAL(8,2), big BIGINT UNSIGNED)",
                "INSERT INTO orders VALUES (1, 10, '2026-11-22 10:15:30.123456', 12.50, 18446744073709551615)");
        String table = db + ".orders";
        TestPipeline pipeline = TestPipeline.of("myavro", mariadb, kafka, List.of(table), 5401)
                .policy("avro", "strict", "BACKWARD", "Pause", registry.url().toString());
        AvroRecords avro = new AvroRecords(client);
        String topicName = "myavro." + table;
        try (TestPipeline.Running running = pipeline.start();
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), topicName);
             TopicReader notices = new TopicReader(kafka.bootstrapServers(), "myavro.schema-changes")) {
            GenericRecord snapshot = (GenericRecord) avro.read(topic.read(1, WAIT).get(0).rawValue()).get("after");
            assertThat(snapshot.get("placed")).isEqualTo(java.time.LocalDateTime.parse("2026-11-22T10:15:30.123456")
                    .toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000 + 123_456);
            assertThat(snapshot.get("total")).isEqualTo(10L);

            Sql.exec(mariadb, db, "ALTER TABLE orders ADD COLUMN note VARCHAR(20)",
                    "INSERT INTO orders (id, total, note) VALUES (2, 20, 'hi')");
            List<Rec> added = topic.readUntil(r -> r.size() >= 2, WAIT);
            assertThat(((GenericRecord) avro.read(added.get(1).rawValue()).get("after")).get("note").toString())
                    .isEqualTo("hi");
            assertThat(client.versions(topicName + "-value")).containsExactly(1, 2);
            GenericRecord notice = avro.read(notices.read(1, WAIT).get(0).rawValue());
            assertThat(notice.get("changes").toString()).contains("note: string (added, optional)");
            assertThat(notice.get("newVersion")).isEqualTo(2);

            Sql.exec(mariadb, db, "ALTER TABLE orders MODIFY total INT", "INSERT INTO orders (id, total) VALUES (3, 30)",
                    "INSERT INTO orders (id, total) VALUES (4, 40)");
            TableSchemaStatus held = await().atMost(WAIT).until(() -> running.pipeline().status().getSchema()
                    .getTables().get(0), s -> Boolean.TRUE.equals(s.getHeld()));
            assertThat(held.getReview().getChanges()).containsExactly("total: long -> int (narrowing)");
            assertThat(topic.drain(Duration.ofSeconds(3))).hasSize(2);

            running.pipeline().applySchemaPolicy(running.pipeline().config().policy().withApprovals(Set.of(
                    new SchemaPolicyConfig.Approval(TableId.parse(table), held.getReview().getFingerprint()))));
            List<Rec> all = topic.readUntil(r -> r.size() >= 4, WAIT);
            assertThat(all.stream().map(r -> (GenericRecord) avro.read(r.rawValue()).get("after"))
                    .sorted(Comparator.comparing(r -> (Long) r.get("id"))).map(r -> r.get("total")))
                    .containsExactly(10L, 20L, 30, 40);
            assertThat(client.versions(topicName + "-value")).containsExactly(1, 2, 3);
        }
    }
}
