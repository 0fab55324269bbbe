package dev.capstan.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.api.v1alpha1.status.TableSnapshotPhase;
import dev.capstan.runtime.support.RowModel;
import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.runtime.support.TopicReader;
import dev.capstan.runtime.support.TopicReader.Rec;
import dev.capstan.runtime.support.Workload;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inserts, updates and deletes run on the table for the whole snapshot (and the table grows: the writers
 * use keys beyond the prefilled ones); the state materialized from Kafka equals the table at the end.
 */
@WithPostgres
@WithKafka
class SnapshotConsistencyTest {

    @ParameterizedTest(name = "seed {0}, chunkSize {1}, parallelism {2}")
    @CsvSource({"11, 97, 1", "12, 500, 2", "13, 250, 4"})
    void concurrentWritesNeverLeaveAStaleRow(long seed, int chunkSize, int parallelism, PostgresServer pg,
                                             KafkaBroker kafka) throws Exception {
        String name = "snapmix" + seed;
        String db = pg.createDatabase(name);
        int rows = 20_000;
        Sql.exec(pg, db, "CREATE TABLE items (id bigint PRIMARY KEY, v text)",
                "INSERT INTO items SELECT g, 'seed' || g FROM generate_series(1, " + rows + ") g");
        TestPipeline pipeline = TestPipeline.of(name, pg, db, kafka, List.of("public.items"))
                .snapshot("{chunkSize: " + chunkSize + ", parallelism: " + parallelism + "}");
        try (Workload workload = Workload.start(pg, db, "items", rows + rows / 4, seed, 3);
             TestPipeline.Running running = pipeline.start()) {
            long deadline = System.currentTimeMillis() + 120_000;
            while (running.pipeline().status().getSnapshot().getTables().get(0).getPhase() != TableSnapshotPhase.DONE) {
                assertThat(System.currentTimeMillis()).as("snapshot finished in time").isLessThan(deadline);
                Thread.sleep(50);
            }
            Thread.sleep(500);
            workload.close();
            Map<Long, String> expected;
            try (Connection c = pg.connect(db)) {
                expected = RowModel.fromTable(c, "items");
            }
            try (TopicReader topic = new TopicReader(kafka.bootstrapServers(), name + ".public.items")) {
                List<Rec> records = topic.readUntil(r -> RowModel.fromTopic(r).equals(expected), Duration.ofSeconds(90),
                        r -> RowModel.differences(r, expected));
                assertThat(RowModel.fromTopic(records)).isEqualTo(expected);
                List<Long> readKeys = records.stream().filter(r -> "r".equals(r.op()))
                        .map(r -> r.key().get("id").asLong()).toList();
                long reads = readKeys.size();
                assertThat(new java.util.HashSet<>(readKeys)).as("no row read twice").hasSize(readKeys.size());
                long changes = records.stream().filter(r -> r.value() != null && !"r".equals(r.op())).count();
                assertThat(reads).as("snapshot rows").isBetween(rows / 2L, rows + rows / 4L);
                assertThat(changes).as("changes streamed during the snapshot").isGreaterThan(200);
            }
        }
    }
}
