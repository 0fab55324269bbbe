package dev.capstan.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.api.v1alpha1.status.TableSnapshotPhase;
import dev.capstan.api.v1alpha1.status.TableSnapshotStatus;
import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.runtime.support.TopicReader;
import dev.capstan.runtime.support.TopicReader.Rec;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of tables keyed in every way chunking must handle: composite, text (with a collation order
 * different from byte order), uuid, {@code keyColumns} without a primary key, and an empty table; plus
 * {@code initial_only} (stops by itself) and {@code never} (no reads).
 */
@WithPostgres
@WithKafka
class SnapshotKeysTest {

    @Test
    void everyKeyShapeIsReadOnceInChunks(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("snapkeys");
        Sql.exec(pg, db,
                "CREATE TABLE comp (a int, b text, v text, PRIMARY KEY (a, b))",
                "INSERT INTO comp SELECT g % 7, 'k' || g, 'v' || g FROM generate_series(1, 1000) g",
                "CREATE TABLE txt (k text COLLATE \"C\" PRIMARY KEY, v int)",
                "INSERT INTO txt SELECT CASE WHEN g % 3 = 0 THEN upper(md5(g::text)) ELSE md5(g::text) || ' é' END, g "
                        + "FROM generate_series(1, 700) g",
                "CREATE TABLE uid (u uuid PRIMARY KEY, v int)",
                "INSERT INTO uid SELECT md5(g::text)::uuid, g FROM generate_series(1, 500) g",
                "CREATE TABLE nopk (id int NOT NULL, v text)",
                "ALTER TABLE nopk REPLICA IDENTITY FULL",
                "INSERT INTO nopk SELECT g, 'n' || g FROM generate_series(1, 300) g",
                "CREATE TABLE empty (id int PRIMARY KEY)");
        TestPipeline pipeline = TestPipeline.of("snapkeys", pg, db, kafka,
                List.of("public.comp", "public.txt", "public.uid", "public.nopk", "public.empty"))
                .edit("      - name: public.nopk\n", "      - name: public.nopk\n        keyColumns: [id]\n")
                .snapshot("{mode: initial_only, chunkSize: 64, parallelism: 3}");
        TestPipeline.Running running = pipeline.start();
        running.thread().join(Duration.ofSeconds(90).toMillis());
        assertThat(running.thread().isAlive()).as("initial_only stops by itself after the snapshot").isFalse();
        assertThat(running.failure().get()).isNull();
        Map<String, TableSnapshotStatus> status = running.pipeline().status().getSnapshot().getTables().stream()
                .collect(Collectors.toMap(TableSnapshotStatus::getName, Function.identity()));

        assertReadOnce(kafka, "snapkeys.public.comp", 1000, r -> r.key().get("a").asText() + "/" + r.key().get("b").asText());
        assertReadOnce(kafka, "snapkeys.public.txt", 700, r -> r.key().get("k").asText());
        assertReadOnce(kafka, "snapkeys.public.uid", 500, r -> r.key().get("u").asText());
        assertReadOnce(kafka, "snapkeys.public.nopk", 300, r -> r.key().get("id").asText());
        for (String table : List.of("comp", "txt", "uid", "nopk", "empty")) {
            TableSnapshotStatus t = status.get("public." + table);
            assertThat(t.getPhase()).as(table).isEqualTo(TableSnapshotPhase.DONE);
            assertThat(t.getChunksDone()).as(table).isEqualTo(t.getChunksTotal());
        }
        assertThat(status.get("public.comp").getRowsScanned()).isEqualTo(1000);
        assertThat(status.get("public.comp").getChunksDone()).isEqualTo(16); // 15 full chunks of 64 and the rest
        assertThat(status.get("public.empty").getRowsScanned()).isZero();
        assertThat(status.get("public.empty").getChunksDone()).isEqualTo(1);
    }

    /**
     * The grants a production user has: LOGIN REPLICATION and SELECT on the table; the publication and
     * slot made beforehand by an owner (as the operator does). Watermarks need no more than that.
     */
    @Test
    void leastPrivilegedUserCanSnapshot(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("snapgrant");
        TestPipeline pipeline = TestPipeline.of("snapgrant", pg, db, kafka, List.of("public.items"), "cdc", "cdcpw")
                .snapshot("{mode: initial_only, chunkSize: 100}");
        String slot = pipeline.config().postgres().slotName();
        Sql.exec(pg, db, "CREATE ROLE cdc LOGIN REPLICATION PASSWORD 'cdcpw'",
                "CREATE TABLE items (id bigint PRIMARY KEY, v text)",
                "INSERT INTO items SELECT g, 'v' || g FROM generate_series(1, 250) g",
                "GRANT SELECT ON items TO cdc",
                "CREATE PUBLICATION " + slot + " FOR TABLE items",
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        TestPipeline.Running running = pipeline.start();
        running.thread().join(Duration.ofSeconds(60).toMillis());
        assertThat(running.failure().get()).isNull();
        assertReadOnce(kafka, "snapgrant.public.items", 250, r -> r.key().get("id").asText());
    }

    @Test
    void neverReadsNothingAndStreams(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("snapnever");
        Sql.exec(pg, db, "CREATE TABLE items (id bigint PRIMARY KEY, v text)",
                "INSERT INTO items SELECT g, 'old' FROM generate_series(1, 100) g");
        TestPipeline pipeline = TestPipeline.of("snapnever", pg, db, kafka, List.of("public.items"))
                .snapshot("{mode: never}");
        try (TestPipeline.Running running = pipeline.start();
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "snapnever.public.items")) {
            Sql.exec(pg, db, "INSERT INTO items VALUES (101, 'new')");
            List<Rec> records = topic.read(1, Duration.ofSeconds(60));
            assertThat(records.get(0).op()).isEqualTo("c");
            assertThat(topic.drain(Duration.ofSeconds(2))).hasSize(1);
            assertThat(running.pipeline().status().getSnapshot().getTables()).isEmpty();
        }
    }

    /** Every row read exactly once as op r, in key order within each chunk, with one "last" at the end. */
    private static void assertReadOnce(KafkaBroker kafka, String topicName, int rows, Function<Rec, String> key) {
        try (TopicReader topic = new TopicReader(kafka.bootstrapServers(), topicName)) {
            topic.read(rows, Duration.ofSeconds(60));
            List<Rec> records = topic.drain(Duration.ofSeconds(1));
            assertThat(records).as(topicName).hasSize(rows).allSatisfy(r -> {
                assertThat(r.op()).isEqualTo("r");
                assertThat(r.value().get("before").isNull()).isTrue();
                assertThat(r.value().get("transaction").isNull()).isTrue();
                assertThat(r.value().get("source").get("lsn").asLong()).isPositive();
            });
            Set<String> keys = new HashSet<>();
            records.forEach(r -> keys.add(key.apply(r)));
            assertThat(keys).as("distinct keys of " + topicName).hasSize(rows);
            assertThat(records.stream().filter(r -> "last".equals(r.value().get("source").get("snapshot").asText())))
                    .as("rows marked last in " + topicName).hasSize(1);
            assertThat(records.stream().map(r -> r.value().get("source").get("snapshot").asText()))
                    .containsOnly("true", "last");
        }
    }
}
