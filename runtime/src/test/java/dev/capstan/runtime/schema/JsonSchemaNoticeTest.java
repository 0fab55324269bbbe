package dev.capstan.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.runtime.support.TopicReader;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JSON pipeline without a schema policy still numbers its tables' schema versions (in the offsets topic) and
 * announces each change on {@code <prefix>.schema-changes}; a restart does not announce the same version again.
 */
@WithPostgres
@WithKafka
class JsonSchemaNoticeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aColumnChangeIsAnnouncedOnceWithTheDiff(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("jsonnotice");
        Sql.exec(pg, db, "CREATE TABLE public.items (id int PRIMARY KEY, qty bigint, legacy text)");
        TestPipeline pipeline = TestPipeline.of("jsonnotice", pg, db, kafka, List.of("public.items"))
                .snapshot("{mode: never}");
        try (TopicReader notices = new TopicReader(kafka.bootstrapServers(), "jsonnotice.schema-changes");
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "jsonnotice.public.items")) {
            try (TestPipeline.Running running = pipeline.start()) {
                Sql.exec(pg, db, "INSERT INTO items VALUES (1, 1, 'x')",
                        "ALTER TABLE items ADD COLUMN note text, DROP COLUMN legacy, ALTER COLUMN qty TYPE int",
                        "INSERT INTO items VALUES (2, 2, 'y')");
                topic.read(2, WAIT);
                JsonNode notice = notices.read(1, WAIT).get(0).value();
                assertThat(notice.get("table").asText()).isEqualTo("public.items");
                assertThat(notice.get("oldVersion").asInt()).isEqualTo(1);
                assertThat(notice.get("newVersion").asInt()).isEqualTo(2);
                assertThat(notice.get("changes")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                        "qty: long -> int (narrowing)", "note: string (added, optional)", "legacy: removed");
                assertThat(notice.get("compatible").asBoolean()).isTrue();
                assertThat(notice.get("schema").get("type").asText()).isEqualTo("record");
            }
            try (TestPipeline.Running running = pipeline.start()) {
                Sql.exec(pg, db, "INSERT INTO items VALUES (3, 3, 'z')");
                topic.readUntil(r -> r.size() >= 3, WAIT);
                assertThat(notices.drain(Duration.ofSeconds(2))).as("the same version is not announced again")
                        .hasSize(1);
            }
        }
    }
}
