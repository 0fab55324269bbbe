package dev.capstan.runtime.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.RowModel;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Four writers hit the same keys; each key's events arrive in Kafka in commit (WAL) order. */
@WithPostgres
@WithKafka
class PerKeyOrderTest {

    @Test
    void eventsOfOneKeyKeepCommitOrder(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("order");
        Sql.exec(pg, db, "CREATE TABLE items (id bigint PRIMARY KEY, v text)");
        try (TestPipeline.Running running = TestPipeline.of("order", pg, db, kafka, List.of("public.items")).start()) {
            try (Workload workload = Workload.start(pg, db, "items", 50, 3, 4)) {
                Thread.sleep(5_000);
            }
            Map<Long, String> expected;
            try (Connection c = pg.connect(db)) {
                expected = RowModel.fromTable(c, "items");
            }
            try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), "order.public.items")) {
                List<Rec> records = reader.readUntil(r -> RowModel.fromTopic(r).equals(expected),
                        Duration.ofSeconds(90));
                Map<Long, Long> lastLsn = new HashMap<>();
                int checked = 0;
                for (Rec r : records) {
                    if (r.value() == null) {
                        continue;
                    }
                    long id = r.key().get("id").asLong();
                    long lsn = r.value().get("source").get("lsn").asLong();
                    Long previous = lastLsn.put(id, lsn);
                    if (previous != null) {
                        assertThat(lsn).as("key %d went back in WAL order", id).isGreaterThanOrEqualTo(previous);
                        checked++;
                    }
                }
                assertThat(checked).as("keys with several events").isGreaterThan(500);
            }
        }
    }
}
