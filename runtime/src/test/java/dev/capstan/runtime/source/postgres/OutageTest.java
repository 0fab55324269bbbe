package dev.capstan.runtime.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.RowModel;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.runtime.support.TopicReader;
import dev.capstan.runtime.support.Workload;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The broker or the database goes away for a while and comes back: streaming resumes, nothing lost. */
@WithPostgres
@WithKafka
class OutageTest {

    @Test
    void brokerOutagePausesReadingAndLosesNothing(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("brokerdown");
        createTable(pg, db);
        TestPipeline pipeline = TestPipeline.of("brokerdown", pg, db, kafka, List.of("public.items"));
        try (TestPipeline.Running running = pipeline.start()) {
            try (Workload workload = Workload.start(pg, db, "items", 300, 11)) {
                Thread.sleep(2_000);
                kafka.stop();
                // 15 s in CI; -Dcapstan.test.brokerOutageSeconds=180 shows the same for minutes.
                Thread.sleep(Long.getLong("capstan.test.brokerOutageSeconds", 15) * 1000);
                long published = running.pipeline().stats().eventsPublished();
                Thread.sleep(2_000);
                assertThat(running.pipeline().stats().eventsPublished()).as("nothing acked while down")
                        .isEqualTo(published);
                assertThat(running.pipeline().window().records()).as("reading paused at the window")
                        .isLessThanOrEqualTo(running.pipeline().limits().maxInFlightRecords());
                kafka.start();
                Thread.sleep(3_000);
            }
            assertConverges(pg, db, kafka, "brokerdown.public.items");
        }
    }

    @Test
    void postgresRestartReconnectsAndLosesNothing(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("pgrestart");
        createTable(pg, db);
        TestPipeline pipeline = TestPipeline.of("pgrestart", pg, db, kafka, List.of("public.items"));
        try (TestPipeline.Running running = pipeline.start()) {
            try (Workload workload = Workload.start(pg, db, "items", 300, 13)) {
                Thread.sleep(2_000);
            }
            pg.restart();
            try (Workload workload = Workload.start(pg, db, "items", 300, 17)) {
                Thread.sleep(2_000);
            }
            assertConverges(pg, db, kafka, "pgrestart.public.items");
            assertThat(running.pipeline().state().sourceConnected()).isTrue();
        }
    }

    private static void createTable(PostgresServer pg, String db) throws Exception {
        Sql.exec(pg, db, "CREATE TABLE items (id bigint PRIMARY KEY, v text)");
    }

    private static void assertConverges(PostgresServer pg, String db, KafkaBroker kafka, String topic)
            throws Exception {
        Map<Long, String> expected;
        try (Connection c = pg.connect(db)) {
            expected = RowModel.fromTable(c, "items");
        }
        assertThat(expected).isNotEmpty();
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), topic)) {
            reader.readUntil(records -> RowModel.fromTopic(records).equals(expected), Duration.ofSeconds(90));
        }
    }
}
