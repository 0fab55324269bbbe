package dev.capstan.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.runtime.source.postgres.PgLsn;
import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.RowModel;
import dev.capstan.runtime.support.RuntimeProcess;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.runtime.support.TopicReader;
import dev.capstan.runtime.support.TopicReader.Rec;
import dev.capstan.runtime.support.Workload;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The runtime process is killed with SIGKILL at random points while a workload runs, and restarted.
 * Nothing committed is lost, and the slot never confirmed a transaction Kafka did not have.
 * The last run ends with SIGTERM, which must exit 0 within 10 seconds.
 */
@WithPostgres
@WithKafka
class CrashRecoveryTest {

    /** What one crash left behind: the slot's confirmed position and the transactions Kafka had. */
    private record Round(PgLsn confirmed, Set<String> inKafka) {
    }

    @Test
    void killedAtRandomPointsLosesNothing(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("crash");
        Sql.exec(pg, db, "CREATE TABLE items (id bigint PRIMARY KEY, v text)");
        TestPipeline pipeline = TestPipeline.of("crash", pg, db, kafka, List.of("public.items"));
        String slot = pipeline.config().postgres().slotName();
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            // As the operator does: the slot exists before the runtime and the workload start.
            st.execute("CREATE PUBLICATION " + slot + " FOR TABLE items");
            st.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        }
        Random random = new Random(42);
        List<Round> rounds = new ArrayList<>();
        Set<Long> committed;
        try (Workload workload = Workload.start(pg, db, "items", 500, 7)) {
            for (int round = 0; round < 3; round++) {
                try (RuntimeProcess runtime = RuntimeProcess.start(pipeline)) {
                    runtime.awaitOutput("Streaming from slot", Duration.ofSeconds(60));
                    Thread.sleep(1_000 + random.nextInt(3_000));
                    assertThat(runtime.isAlive()).as(runtime.output()).isTrue();
                    runtime.kill();
                }
                PgLsn confirmed = confirmedFlush(pg, db, pipeline.config().postgres().slotName());
                Set<String> inKafka = endMarkers(kafka, Duration.ofSeconds(2));
                assertThat(inKafka).as("transactions streamed by round " + round).isNotEmpty();
                rounds.add(new Round(confirmed, inKafka));
            }
            committed = workload.committedXids();
        }
        try (RuntimeProcess runtime = RuntimeProcess.start(pipeline);
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "crash.public.items")) {
            Map<Long, String> expected;
            try (Connection c = pg.connect(db)) {
                expected = RowModel.fromTable(c, "items");
            }
            topic.readUntil(records -> RowModel.fromTopic(records).equals(expected), Duration.ofSeconds(90));
            long start = System.nanoTime();
            int exit = runtime.terminate(Duration.ofSeconds(10));
            assertThat(exit).as("exit code after SIGTERM; output:\n" + runtime.output()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
        Set<String> all = endMarkers(kafka, Duration.ofSeconds(2));
        Set<Long> streamedXids = new HashSet<>();
        all.forEach(id -> streamedXids.add(Long.parseLong(id.substring(0, id.indexOf(':')))));
        assertThat(streamedXids).as("every committed transaction reached Kafka").containsAll(committed);
        for (Round round : rounds) {
            for (String id : all) {
                long commitLsn = Long.parseLong(id.substring(id.indexOf(':') + 1));
                if (commitLsn < round.confirmed().asLong()) {
                    assertThat(round.inKafka())
                            .as("slot confirmed %s but transaction %s was not yet in Kafka", round.confirmed(), id)
                            .contains(id);
                }
            }
        }
    }

    private static Set<String> endMarkers(KafkaBroker kafka, Duration quiet) {
        Set<String> ids = new HashSet<>();
        try (TopicReader markers = new TopicReader(kafka.bootstrapServers(), "crash.transaction")) {
            for (Rec r : markers.drain(quiet)) {
                if (r.value().get("status").asText().equals("END")) {
                    ids.add(r.value().get("id").asText());
                }
            }
        }
        return ids;
    }

    private static PgLsn confirmedFlush(PostgresServer pg, String db, String slot) throws Exception {
        try (Connection c = pg.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT confirmed_flush_lsn::text FROM pg_replication_slots "
                     + "WHERE slot_name = '" + slot + "'")) {
            rs.next();
            return PgLsn.parse(rs.getString(1));
        }
    }
}
