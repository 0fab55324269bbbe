package dev.capstan.runtime.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.runtime.support.MariaDbWorkload;
import dev.capstan.runtime.support.RowModel;
import dev.capstan.runtime.support.RuntimeProcess;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The runtime process reading MariaDB is killed with SIGKILL at random points while a workload runs, and
 * restarted: nothing committed is lost, the stored binlog position never passed a transaction Kafka did not
 * have, per-key order holds (the materialized state equals the table), and SIGTERM ends the last run cleanly.
 */
@WithMariaDb
@WithKafka
class MySqlCrashRecoveryTest {

    /** What one crash left behind: the stored GTID sequence and the transactions Kafka had. */
    private record Round(long storedSequence, Set<String> inKafka) {
    }

    @Test
    void killedAtRandomPointsLosesNothing(MariaDbServer mariadb, KafkaBroker kafka) throws Exception {
        String db = mariadb.createDatabase("mycrash");
        Sql.exec(mariadb, db, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40))");
        TestPipeline pipeline = TestPipeline.of("mycrash", mariadb, kafka, List.of(db + ".items"), 5301)
                .snapshot("{mode: never}");
        Random random = new Random(43);
        List<Round> rounds = new ArrayList<>();
        // The first start stores the server's current position; the workload starts after it.
        try (RuntimeProcess runtime = RuntimeProcess.start(pipeline)) {
            runtime.awaitOutput("Streaming the binlog", Duration.ofSeconds(60));
            assertThat(runtime.terminate(Duration.ofSeconds(10))).as(runtime.output()).isZero();
        }
        Set<String> committed;
        try (MariaDbWorkload workload = MariaDbWorkload.start(mariadb, db, "items", 500, 9, 1)) {
            for (int round = 0; round < 3; round++) {
                try (RuntimeProcess runtime = RuntimeProcess.start(pipeline)) {
                    runtime.awaitOutput("Streaming the binlog", Duration.ofSeconds(60));
                    Thread.sleep(1_000 + random.nextInt(3_000));
                    assertThat(runtime.isAlive()).as(runtime.output()).isTrue();
                    runtime.kill();
                }
                Set<String> inKafka = endMarkers(kafka, Duration.ofSeconds(2));
                assertThat(inKafka).as("transactions streamed by round " + round).isNotEmpty();
                rounds.add(new Round(storedSequence(kafka), inKafka));
            }
            committed = workload.committedGtids();
        }
        try (RuntimeProcess runtime = RuntimeProcess.start(pipeline);
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "mycrash." + db + ".items")) {
            Map<Long, String> expected;
            try (Connection c = mariadb.connect(db)) {
                expected = RowModel.fromTable(c, "items");
            }
            topic.readUntil(records -> RowModel.fromTopic(records).equals(expected), Duration.ofSeconds(90),
                    records -> RowModel.differences(records, expected));
            assertThat(runtime.terminate(Duration.ofSeconds(10))).as("exit code after SIGTERM; output:\n"
                    + runtime.output()).isZero();
        }
        Set<String> all = endMarkers(kafka, Duration.ofSeconds(2));
        assertThat(all).as("every committed transaction reached Kafka").containsAll(committed);
        for (Round round : rounds) {
            for (String gtid : all) {
                if (sequence(gtid) <= round.storedSequence()) {
                    assertThat(round.inKafka()).as("stored position %d passed transaction %s before Kafka had it",
                            round.storedSequence(), gtid).contains(gtid);
                }
            }
        }
    }

    private static Set<String> endMarkers(KafkaBroker kafka, Duration quiet) {
        Set<String> ids = new HashSet<>();
        try (TopicReader markers = new TopicReader(kafka.bootstrapServers(), "mycrash.transaction")) {
            for (Rec r : markers.drain(quiet)) {
                if (r.value().get("status").asText().equals("END")) {
                    ids.add(r.value().get("id").asText());
                }
            }
        }
        return ids;
    }

    /** The sequence of the GTID position last stored in the offsets topic (domain 0). */
    private static long storedSequence(KafkaBroker kafka) {
        long sequence = -1;
        try (TopicReader offsets = new TopicReader(kafka.bootstrapServers(), "mycrash.capstan-offsets")) {
            for (Rec r : offsets.drain(Duration.ofSeconds(2))) {
                if (r.key().asText().equals(BinlogPositions.KEY) && r.value() != null) {
                    sequence = sequence(r.value().get("mariadbGtids").asText());
                }
            }
        }
        return sequence;
    }

    private static long sequence(String gtid) {
        return Long.parseLong(gtid.substring(gtid.lastIndexOf('-') + 1));
    }
}
