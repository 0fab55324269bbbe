package dev.capstan.runtime.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When every change is filtered out (another table), heartbeats still move the slot, so WAL is not retained. */
@WithPostgres
@WithKafka
class HeartbeatTest {

    @Test
    void filteredChangesDoNotHoldBackTheSlot(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("heartbeat");
        Sql.exec(pg, db, "CREATE TABLE captured (id int PRIMARY KEY)",
                "CREATE TABLE other (id serial PRIMARY KEY, v text)");
        TestPipeline pipeline = TestPipeline.of("heartbeat", pg, db, kafka, List.of("public.captured"));
        String slot = pipeline.config().postgres().slotName();
        try (TestPipeline.Running running = pipeline.start();
             Connection c = pg.connect(db); Statement st = c.createStatement()) {
            PgLsn before = confirmed(st, slot);
            st.execute("INSERT INTO other (v) SELECT repeat('x', 1000) FROM generate_series(1, 5000)");
            PgLsn written;
            try (ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
                rs.next();
                written = PgLsn.parse(rs.getString(1));
            }
            long deadline = System.currentTimeMillis() + Duration.ofSeconds(30).toMillis();
            PgLsn now = confirmed(st, slot);
            while (now.isBefore(written) && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                now = confirmed(st, slot);
            }
            assertThat(now).as("confirmed_flush_lsn moved past the filtered-out changes (was %s)", before)
                    .isGreaterThanOrEqualTo(written);
            assertThat(running.pipeline().stats().eventsPublished()).isZero();
        }
    }

    private static PgLsn confirmed(Statement st, String slot) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT confirmed_flush_lsn::text FROM pg_replication_slots "
                + "WHERE slot_name = '" + slot + "'")) {
            rs.next();
            return PgLsn.parse(rs.getString(1));
        }
    }
}
