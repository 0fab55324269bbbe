package dev.capstan.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runtime is SIGKILLed at a random chunk of the snapshot while writers keep changing the table, then
 * restarted: the materialized state equals the table, and the restarted snapshot reads none of the chunks
 * whose progress was stored.
 */
@WithPostgres
@WithKafka
class SnapshotResumeTest {

    private static final String KEY = "snapshot/initial/public.items";

    @ParameterizedTest(name = "seed {0}, parallelism {1}")
    @CsvSource({"21, 1", "22, 3"})
    void crashAtARandomChunkResumesAfterTheLastStoredOne(long seed, int parallelism, PostgresServer pg,
                                                         KafkaBroker kafka) throws Exception {
        String name = "snapcrash" + seed;
        String db = pg.createDatabase(name);
        int rows = 40_000;
        Sql.exec(pg, db, "CREATE TABLE items (id bigint PRIMARY KEY, v text)",
                "INSERT INTO items SELECT g, 'seed' || g FROM generate_series(1, " + rows + ") g");
        TestPipeline pipeline = TestPipeline.of(name, pg, db, kafka, List.of("public.items"))
                .snapshot("{chunkSize: 200, parallelism: " + parallelism + "}");
        int killAt = 10 + new Random(seed).nextInt(90);
        try (Workload workload = Workload.start(pg, db, "items", rows + rows / 10, seed, 2);
             TopicReader offsets = new TopicReader(kafka.bootstrapServers(), name + ".capstan-offsets");
             TopicReader data = new TopicReader(kafka.bootstrapServers(), name + ".public.items")) {
            try (RuntimeProcess first = RuntimeProcess.start(pipeline)) {
                offsets.readUntil(r -> stored(r).path("chunksDone").asLong() >= killAt, Duration.ofSeconds(120));
                first.kill();
            }
            JsonNode stored = stored(offsets.drain(Duration.ofSeconds(1)));
            assertThat(stored.path("done").asBoolean()).as("killed before the snapshot finished: %s", stored).isFalse();
            int firstRun = data.drain(Duration.ofSeconds(2)).size();

            try (RuntimeProcess second = RuntimeProcess.start(pipeline)) {
                offsets.readUntil(r -> stored(r).path("done").asBoolean(), Duration.ofSeconds(120));
                workload.close();
                Map<Long, String> expected;
                try (Connection c = pg.connect(db)) {
                    expected = RowModel.fromTable(c, "items");
                }
                List<Rec> records = data.readUntil(r -> RowModel.fromTopic(r).equals(expected), Duration.ofSeconds(90));
                assertThat(RowModel.fromTopic(records)).isEqualTo(expected);
                assertThat(second.terminate(Duration.ofSeconds(20))).isZero();

                List<Long> reread = new ArrayList<>();
                for (Rec r : records.subList(firstRun, records.size())) {
                    long id = r.key().get("id").asLong();
                    if ("r".equals(r.op()) && storedAsDone(stored, id)) {
                        reread.add(id);
                    }
                }
                assertThat(reread).as("rows of chunks stored as done (%s) read again", stored).isEmpty();
                long secondRunReads = records.subList(firstRun, records.size()).stream()
                        .filter(r -> "r".equals(r.op())).count();
                assertThat(secondRunReads).as("the restart did not read the whole table again")
                        .isLessThan(rows + rows / 10 - stored.path("chunksDone").asLong() * 200 + 200L * parallelism);
            }
        }
    }

    /** The newest stored progress of the table's initial snapshot, or an empty node. */
    private static JsonNode stored(List<Rec> offsets) {
        JsonNode latest = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        for (Rec r : offsets) {
            if (KEY.equals(r.key().asText()) && r.value() != null) {
                latest = r.value();
            }
        }
        return latest;
    }

    /** Whether {@code id} lies in a range the stored progress records as read and acknowledged. */
    private static boolean storedAsDone(JsonNode stored, long id) {
        JsonNode after = stored.path("resumeAfter");
        if (after.isArray() && id <= after.get(0).asLong()) {
            return true;
        }
        for (JsonNode range : stored.path("doneAhead")) {
            boolean aboveLow = range.path("after").isNull() || id > range.path("after").get(0).asLong();
            boolean belowHigh = range.path("upTo").isNull() || id <= range.path("upTo").get(0).asLong();
            if (aboveLow && belowHigh) {
                return true;
            }
        }
        return false;
    }
}
