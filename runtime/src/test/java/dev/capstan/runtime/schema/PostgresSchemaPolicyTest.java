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
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * format avro with a CdcSchemaPolicy against a real PostgreSQL, Kafka and capstan-registry: compatible changes
 * register a new version, incompatible ones are held (Pause) until approved, flagged (Alert) or passed (NONE).
 */
@WithPostgres
@WithKafka
@ExtendWith(RegistryExtension.class)
class PostgresSchemaPolicyTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final RegistryServer registry;
    private final RegistryClient client;

    PostgresSchemaPolicyTest(RegistryServer registry) {
        this.registry = registry;
        this.client = new RegistryClient(registry.url(), null, null, Duration.ofSeconds(10));
    }

    @Test
    void addingANullableColumnIsANewCompatibleVersionReadableBothWays(PostgresServer pg, KafkaBroker kafka)
            throws Exception {
        String db = pg.createDatabase("avro_add");
        Sql.exec(pg, db, "CREATE TABLE public.accounts (id bigint PRIMARY KEY, amount bigint NOT NULL, "
                + "opened date, price numeric(10,2), at timestamptz, uid uuid)",
                "INSERT INTO accounts VALUES (0, 5, '2026-11-22', 1.50, '2026-11-22 10:00:00+00', "
                        + "'0b6a1cd8-7a50-4a0a-8d8c-4b1b46e0c5a1')");
        TestPipeline pipeline = TestPipeline.of("avroadd", pg, db, kafka, List.of("public.accounts"))
                .policy("avro", "strict", "BACKWARD", "Pause", registry.url().toString());
        AvroRecords avro = new AvroRecords(client);
        try (TestPipeline.Running running = pipeline.start();
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "avroadd.public.accounts");
             TopicReader notices = new TopicReader(kafka.bootstrapServers(), "avroadd.schema-changes")) {
            Sql.exec(pg, db, "INSERT INTO accounts (id, amount) VALUES (1, 10)",
                    "ALTER TABLE accounts ADD COLUMN note text",
                    "INSERT INTO accounts (id, amount, note) VALUES (2, 20, 'hello')");
            List<Rec> records = new java.util.ArrayList<>(topic.read(3, WAIT));
            records.sort(java.util.Comparator.comparing(r -> (Long) ((GenericRecord) avro.read(r.rawValue())
                    .get("after")).get("id")));
            GenericRecord snapshot = avro.read(records.get(0).rawValue());
            assertThat(snapshot.get("op").toString()).isEqualTo("r");
            GenericRecord row0 = (GenericRecord) snapshot.get("after");
            assertThat(row0.get("opened")).isEqualTo((int) java.time.LocalDate.parse("2026-11-22").toEpochDay());
            Schema price = row0.getSchema().getField("price").schema().getTypes().get(1);
            assertThat(new org.apache.avro.Conversions.DecimalConversion().fromBytes(
                    (java.nio.ByteBuffer) row0.get("price"), price, price.getLogicalType())).isEqualByComparingTo("1.50");
            assertThat(price.getLogicalType().getName()).isEqualTo("decimal");
            assertThat(row0.get("uid").toString()).isEqualTo("0b6a1cd8-7a50-4a0a-8d8c-4b1b46e0c5a1");
            assertThat(row0.get("at")).isEqualTo(java.time.Instant.parse("2026-11-22T10:00:00Z").toEpochMilli() * 1000);

            int v1 = AvroRecords.schemaId(records.get(1).rawValue());
            int v2 = AvroRecords.schemaId(records.get(2).rawValue());
            assertThat(v1).isEqualTo(AvroRecords.schemaId(records.get(0).rawValue())).isNotEqualTo(v2);
            assertThat(client.versions("avroadd.public.accounts-value")).containsExactly(1, 2);
            Schema oldSchema = client.version("avroadd.public.accounts-value", 1).schema();
            Schema newSchema = client.version("avroadd.public.accounts-value", 2).schema();
            // an old event read with the new schema: the added column is null
            GenericRecord oldAsNew = (GenericRecord) avro.read(records.get(1).rawValue(), newSchema).get("after");
            assertThat(oldAsNew.get("id")).isEqualTo(1L);
            assertThat(oldAsNew.get("note")).isNull();
            // a new event read with the old schema: the added column is left out
            GenericRecord newAsOld = (GenericRecord) avro.read(records.get(2).rawValue(), oldSchema).get("after");
            assertThat(newAsOld.get("amount")).isEqualTo(20L);
            assertThat(newAsOld.getSchema().getField("note")).isNull();
            assertThat(((GenericRecord) avro.read(records.get(2).rawValue()).get("after")).get("note").toString())
                    .isEqualTo("hello");
            GenericRecord key = avro.read(records.get(2).rawKey());
            assertThat(key.get("id")).isEqualTo(2L);

            Rec notice = notices.read(1, WAIT).get(0);
            GenericRecord change = avro.read(notice.rawValue());
            assertThat(change.get("table").toString()).isEqualTo("public.accounts");
            assertThat(change.get("oldVersion")).isEqualTo(1);
            assertThat(change.get("newVersion")).isEqualTo(2);
            assertThat(change.get("compatible")).isEqualTo(true);
            assertThat(change.get("changes").toString()).contains("note: string (added, optional)");

            // a truncate has no rows: it is written with the table's current envelope, no key
            Sql.exec(pg, db, "TRUNCATE accounts");
            Rec truncate = topic.readUntil(r -> r.size() >= 4, WAIT).get(3);
            assertThat(truncate.rawKey()).isNull();
            GenericRecord t = avro.read(truncate.rawValue());
            assertThat(t.get("op").toString()).isEqualTo("t");
            assertThat(t.get("before")).isNull();
            assertThat(AvroRecords.schemaId(truncate.rawValue())).isEqualTo(v2);

            TableSchemaStatus status = running.pipeline().status().getSchema().getTables().get(0);
            assertThat(status.getName()).isEqualTo("public.accounts");
            assertThat(status.getSubject()).isEqualTo("avroadd.public.accounts-value");
            assertThat(status.getVersion()).isEqualTo(2);
            assertThat(status.getCompatible()).isTrue();
            assertThat(status.getHeld()).isNull();
        }
    }

    @Test
    void aNarrowingChangeIsHeldUntilApprovedThenTheHeldEventsArriveInOrder(PostgresServer pg, KafkaBroker kafka)
            throws Exception {
        String db = pg.createDatabase("avro_hold");
        Sql.exec(pg, db, "CREATE TABLE public.ledger (id bigint PRIMARY KEY, amount bigint)");
        TestPipeline pipeline = pausing("avrohold", pg, db, kafka, "public.ledger");
        AvroRecords avro = new AvroRecords(client);
        try (TopicReader topic = new TopicReader(kafka.bootstrapServers(), "avrohold.public.ledger")) {
            String fingerprint;
            try (TestPipeline.Running running = pipeline.start()) {
                Sql.exec(pg, db, "INSERT INTO ledger VALUES (1, 100)");
                topic.read(1, WAIT);
                Sql.exec(pg, db, "ALTER TABLE ledger ALTER COLUMN amount TYPE integer",
                        "INSERT INTO ledger VALUES (2, 200)", "INSERT INTO ledger VALUES (3, 300)",
                        "UPDATE ledger SET amount = 301 WHERE id = 3");
                TableSchemaStatus held = await().atMost(WAIT).until(() -> table(running), s -> Boolean.TRUE.equals(
                        s.getHeld()));
                assertThat(held.getCompatible()).isFalse();
                assertThat(held.getReview().getChanges()).containsExactly("amount: long -> int (narrowing)");
                assertThat(held.getReview().getPipeline()).isEqualTo("avrohold");
                fingerprint = held.getReview().getFingerprint();
                assertThat(fingerprint).matches("[0-9a-f]{16}");
                assertThat(running.pipeline().stats().heldTables()).isEqualTo(1);
                assertThat(topic.drain(Duration.ofSeconds(3))).as("nothing after the change is published")
                        .extracting(r -> avro.read(r.rawValue()).toString()).hasSize(1);
                assertThat(client.versions("avrohold.public.ledger-value")).containsExactly(1);
            }
            // a restart while held: the position was not acknowledged past the change, so it comes again
            try (TestPipeline.Running running = pipeline.start()) {
                await().atMost(WAIT).until(() -> table(running), s -> Boolean.TRUE.equals(s.getHeld()));
                assertThat(topic.drain(Duration.ofSeconds(2))).hasSize(1);
                SchemaPolicyConfig policy = running.pipeline().config().policy();
                running.pipeline().applySchemaPolicy(policy.withApprovals(Set.of(
                        new SchemaPolicyConfig.Approval(TableId.parse("public.ledger"), fingerprint))));
                List<Rec> records = topic.readUntil(r -> r.size() >= 4, WAIT);
                assertThat(records).extracting(r -> ((GenericRecord) avro.read(r.rawValue()).get("after")).get("id"))
                        .containsExactly(1L, 2L, 3L, 3L);
                assertThat(((GenericRecord) avro.read(records.get(3).rawValue()).get("after")).get("amount"))
                        .isEqualTo(301);
                await().atMost(WAIT).until(() -> table(running), s -> Boolean.TRUE.equals(s.getCompatible())
                        && s.getHeld() == null && s.getVersion() == 2);
                assertThat(client.versions("avrohold.public.ledger-value")).containsExactly(1, 2);
            }
        }
    }

    @Test
    void underNoneANarrowingChangePassesAndUnderAlertItIsFlagged(PostgresServer pg, KafkaBroker kafka)
            throws Exception {
        String db = pg.createDatabase("avro_none");
        Sql.exec(pg, db, "CREATE TABLE public.a (id bigint PRIMARY KEY, amount bigint)",
                "CREATE TABLE public.b (id bigint PRIMARY KEY, amount bigint)");
        AvroRecords avro = new AvroRecords(client);
        TestPipeline none = TestPipeline.of("avronone", pg, db, kafka, List.of("public.a")).snapshot("{mode: never}")
                .policy("avro", "loose", "NONE", "Pause", registry.url().toString());
        TestPipeline alert = TestPipeline.of("avroalert", pg, db, kafka, List.of("public.b")).snapshot("{mode: never}")
                .policy("avro", "watch", "BACKWARD", "Alert", registry.url().toString());
        try (TestPipeline.Running a = none.start(); TestPipeline.Running b = alert.start();
             TopicReader ta = new TopicReader(kafka.bootstrapServers(), "avronone.public.a");
             TopicReader tb = new TopicReader(kafka.bootstrapServers(), "avroalert.public.b")) {
            Sql.exec(pg, db, "INSERT INTO a VALUES (1, 1)", "INSERT INTO b VALUES (1, 1)");
            ta.read(1, WAIT);
            tb.read(1, WAIT);
            Sql.exec(pg, db, "ALTER TABLE a ALTER COLUMN amount TYPE integer", "INSERT INTO a VALUES (2, 2)",
                    "ALTER TABLE b ALTER COLUMN amount TYPE integer", "INSERT INTO b VALUES (2, 2)");
            assertThat(ta.read(2, WAIT)).extracting(r -> AvroRecords.schemaId(r.rawValue())).doesNotHaveDuplicates();
            assertThat(tb.read(2, WAIT)).extracting(r -> avro.read(r.rawValue()).get("op").toString())
                    .containsExactly("c", "c");
            assertThat(table(a).getCompatible()).isTrue();
            TableSchemaStatus flagged = table(b);
            assertThat(flagged.getCompatible()).isFalse();
            assertThat(flagged.getHeld()).isNull();
            assertThat(flagged.getReview().getChanges()).containsExactly("amount: long -> int (narrowing)");
            assertThat(b.pipeline().stats().incompatibleSchemas()).isEqualTo(1);
            assertThat(client.versions("avroalert.public.b-value")).containsExactly(1, 2);
            // an approval acknowledges the published change
            b.pipeline().applySchemaPolicy(b.pipeline().config().policy().withApprovals(Set.of(
                    new SchemaPolicyConfig.Approval(TableId.parse("public.b"), flagged.getReview().getFingerprint()))));
            assertThat(table(b).getCompatible()).isTrue();
            assertThat(table(b).getReview()).isNull();
        }
    }

    @Test
    void aTruncateRightAfterARestartIsWrittenWithTheLatestRegisteredSchema(PostgresServer pg, KafkaBroker kafka)
            throws Exception {
        String db = pg.createDatabase("avro_trunc");
        Sql.exec(pg, db, "CREATE TABLE public.logs (id bigint PRIMARY KEY, line text)");
        TestPipeline pipeline = pausing("avrotrunc", pg, db, kafka, "public.logs");
        AvroRecords avro = new AvroRecords(client);
        try (TopicReader topic = new TopicReader(kafka.bootstrapServers(), "avrotrunc.public.logs")) {
            try (TestPipeline.Running running = pipeline.start()) {
                Sql.exec(pg, db, "INSERT INTO logs VALUES (1, 'a')");
                topic.read(1, WAIT);
            }
            try (TestPipeline.Running running = pipeline.start()) {
                Sql.exec(pg, db, "TRUNCATE logs");
                Rec truncate = topic.readUntil(r -> r.size() >= 2, WAIT).get(1);
                assertThat(avro.read(truncate.rawValue()).get("op").toString()).isEqualTo("t");
                assertThat(AvroRecords.schemaId(truncate.rawValue()))
                        .isEqualTo(client.latest("avrotrunc.public.logs-value").orElseThrow().id());
            }
        }
    }

    /** A pipeline of {@code table}, streaming only, Avro under the policy "strict": BACKWARD, Pause. */
    private TestPipeline pausing(String name, PostgresServer pg, String db, KafkaBroker kafka, String table) {
        return TestPipeline.of(name, pg, db, kafka, List.of(table)).snapshot("{mode: never}")
                .policy("avro", "strict", "BACKWARD", "Pause", registry.url().toString());
    }

    private static TableSchemaStatus table(TestPipeline.Running running) {
        var schema = running.pipeline().status().getSchema();
        return schema == null || schema.getTables().isEmpty() ? new TableSchemaStatus() : schema.getTables().get(0);
    }
}
