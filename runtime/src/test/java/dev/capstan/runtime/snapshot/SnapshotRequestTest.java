package dev.capstan.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.api.v1alpha1.status.SnapshotStatus;
import dev.capstan.api.v1alpha1.status.TableSnapshotPhase;
import dev.capstan.api.v1alpha1.status.TableSnapshotStatus;
import dev.capstan.runtime.engine.Pipeline;
import dev.capstan.runtime.support.RowModel;
import dev.capstan.runtime.support.RuntimeProcess;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Declarative re-snapshots: {@code spec.snapshot.requests}, each id run once, while other tables stream. */
@WithPostgres
@WithKafka
class SnapshotRequestTest {

    private static final String REQUEST = "{chunkSize: 400, requests: [{id: again-1, tables: [public.a]}]}";

    @Test
    void requestRereadsOneTableOnceWhileAnotherStreams(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("snapreq");
        Sql.exec(pg, db, "CREATE TABLE a (id bigint PRIMARY KEY, v text)",
                "INSERT INTO a SELECT g, 'a' || g FROM generate_series(1, 3000) g",
                "CREATE TABLE b (id bigint PRIMARY KEY, v text)",
                "INSERT INTO b SELECT g, 'b' || g FROM generate_series(1, 500) g");
        TestPipeline pipeline = TestPipeline.of("snapreq", pg, db, kafka, List.of("public.a", "public.b"))
                .snapshot("{chunkSize: 400}");
        try (TopicReader topicA = new TopicReader(kafka.bootstrapServers(), "snapreq.public.a");
             TopicReader topicB = new TopicReader(kafka.bootstrapServers(), "snapreq.public.b")) {
            try (TestPipeline.Running running = pipeline.start()) {
                await(running.pipeline(), s -> s.getTables().stream().allMatch(t -> t.getPhase() == TableSnapshotPhase.DONE));
                assertThat(reads(topicA.readUntil(r -> reads(r) == 3000, Duration.ofSeconds(60)))).isEqualTo(3000);

                try (Workload workload = Workload.start(pg, db, "b", 800, 31, 2)) {
                    Thread.sleep(300);
                    pipeline.snapshot(REQUEST);
                    assertThat(running.pipeline().applySnapshotRequests(pipeline.config().snapshot().requests())).isTrue();
                    SnapshotStatus done = await(running.pipeline(), s -> s.getCompletedRequests().contains("again-1"));
                    TableSnapshotStatus a = done.getTables().stream().filter(t -> t.getName().equals("public.a"))
                            .findFirst().orElseThrow();
                    assertThat(a.getPhase()).isEqualTo(TableSnapshotPhase.DONE);
                    assertThat(a.getRowsScanned()).isEqualTo(3000);
                    assertThat(a.getChunksDone()).isEqualTo(8);
                    Thread.sleep(300);
                }
                Map<Long, String> expectedB;
                Map<Long, String> expectedA;
                try (Connection c = pg.connect(db)) {
                    expectedB = RowModel.fromTable(c, "b");
                    expectedA = RowModel.fromTable(c, "a");
                }
                List<Rec> b = topicB.readUntil(r -> RowModel.fromTopic(r).equals(expectedB), Duration.ofSeconds(60));
                assertThat(b.stream().filter(r -> "u".equals(r.op())).count()).as("b streamed meanwhile").isPositive();
                List<Rec> a = topicA.readUntil(r -> reads(r) == 6000, Duration.ofSeconds(60));
                assertThat(RowModel.fromTopic(a)).isEqualTo(expectedA);

                running.pipeline().applySnapshotRequests(pipeline.config().snapshot().requests());
                Thread.sleep(2_000);
                assertThat(reads(topicA.drain(Duration.ofSeconds(1)))).as("the same id applied again").isEqualTo(6000);
            }
            try (TestPipeline.Running restarted = pipeline.start()) {
                Thread.sleep(3_000);
                assertThat(restarted.pipeline().status().getSnapshot().getCompletedRequests()).containsExactly("again-1");
                assertThat(reads(topicA.drain(Duration.ofSeconds(1)))).as("the same id after a restart").isEqualTo(6000);
            }
        }
    }

    @Test
    void editedManifestStartsARequestInTheRunningProcess(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("snapedit");
        Sql.exec(pg, db, "CREATE TABLE a (id bigint PRIMARY KEY, v text)",
                "INSERT INTO a SELECT g, 'a' || g FROM generate_series(1, 1000) g");
        TestPipeline pipeline = TestPipeline.of("snapedit", pg, db, kafka, List.of("public.a")).snapshot("{mode: never}");
        try (RuntimeProcess runtime = RuntimeProcess.start(pipeline);
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "snapedit.public.a")) {
            runtime.awaitOutput("Streaming from slot", Duration.ofSeconds(60));
            pipeline.snapshot("{mode: never, requests: [{id: r1, tables: [public.nope]}]}").manifest();
            runtime.awaitOutput("spec.snapshot.requests[0].tables[0]: table public.nope is not in spec.source.tables",
                    Duration.ofSeconds(30));
            pipeline.snapshot("{mode: never, requests: [{id: r1, tables: [public.a]}]}").manifest();
            assertThat(reads(topic.readUntil(r -> reads(r) == 1000, Duration.ofSeconds(60)))).isEqualTo(1000);
            runtime.awaitOutput("Re-snapshot request r1 done", Duration.ofSeconds(30));
            assertThat(runtime.isAlive()).isTrue();
            assertThat(runtime.terminate(Duration.ofSeconds(20))).isZero();
        }
    }

    private static long reads(List<Rec> records) {
        return records.stream().filter(r -> "r".equals(r.op())).count();
    }

    private static SnapshotStatus await(Pipeline pipeline, Predicate<SnapshotStatus> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            SnapshotStatus status = pipeline.status().getSnapshot();
            if (status != null && condition.test(status)) {
                return status;
            }
            assertThat(System.currentTimeMillis()).as("snapshot status reached in time: %s", status).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
