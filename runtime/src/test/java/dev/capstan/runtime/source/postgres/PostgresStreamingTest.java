package dev.capstan.runtime.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.runtime.support.TopicReader;
import dev.capstan.runtime.support.TopicReader.Rec;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every operation arrives in Kafka with the Debezium envelope, key, topic, tombstone and markers. */
@WithPostgres
@WithKafka
class PostgresStreamingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void everyOperationArrivesWithEnvelopeKeyAndTopic(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("ops");
        Sql.exec(pg, db, "CREATE TABLE public.bookings (id bigint PRIMARY KEY, guest text, email text, "
                + "secret text, amount numeric(12,2))", "ALTER TABLE public.bookings REPLICA IDENTITY FULL");
        TestPipeline pipeline = TestPipeline.of("ops", pg, db, kafka, List.of("public.bookings"))
                .edit("      - name: public.bookings\n", "      - name: public.bookings\n"
                        + "        excludeColumns: [secret]\n        mask: [{column: email, with: sha256}]\n");
        try (TestPipeline.Running running = pipeline.start();
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "ops.public.bookings");
             TopicReader markers = new TopicReader(kafka.bootstrapServers(), "ops.transaction")) {
            Sql.exec(pg, db, "INSERT INTO bookings VALUES (1, 'Ada', 'ada@example.com', 's3cr3t', 12.50)",
                    "UPDATE bookings SET amount = 13.75 WHERE id = 1",
                    "DELETE FROM bookings WHERE id = 1",
                    "TRUNCATE bookings");
            List<Rec> all = topic.read(5, WAIT);
            // A truncate has no key, so it may land on any partition; the row's events keep their order.
            assertThat(all.stream().filter(r -> r.key() == null)).extracting(Rec::op).containsExactly("t");
            List<Rec> records = all.stream().filter(r -> r.key() != null).toList();
            assertThat(records).extracting(Rec::op).containsExactly("c", "u", "d", null);

            Rec insert = records.get(0);
            assertThat(insert.key().toString()).isEqualTo("{\"id\":1}");
            JsonNode after = insert.value().get("after");
            assertThat(after.get("guest").asText()).isEqualTo("Ada");
            assertThat(after.has("secret")).as("excluded column").isFalse();
            assertThat(after.get("email").asText()).hasSize(64).doesNotContain("@");
            assertThat(after.get("amount").asText()).isEqualTo("12.50");
            assertThat(insert.value().get("before").isNull()).isTrue();
            JsonNode source = insert.value().get("source");
            assertThat(source.get("connector").asText()).isEqualTo("postgresql");
            assertThat(source.get("db").asText()).isEqualTo(db);
            assertThat(source.get("schema").asText()).isEqualTo("public");
            assertThat(source.get("table").asText()).isEqualTo("bookings");
            assertThat(source.get("snapshot").asText()).isEqualTo("false");
            assertThat(source.get("lsn").asLong()).isPositive();
            assertThat(source.get("txId").asLong()).isPositive();
            assertThat(insert.value().get("ts_ms").asLong()).isPositive();
            JsonNode tx = insert.value().get("transaction");
            assertThat(tx.get("id").asText()).startsWith(source.get("txId").asText() + ":");
            assertThat(tx.get("total_order").asLong()).isEqualTo(1);

            Rec update = records.get(1);
            assertThat(update.value().get("before").get("amount").asText()).isEqualTo("12.50");
            assertThat(update.value().get("after").get("amount").asText()).isEqualTo("13.75");

            Rec delete = records.get(2);
            assertThat(delete.value().get("after").isNull()).isTrue();
            assertThat(delete.value().get("before").get("guest").asText()).isEqualTo("Ada");
            Rec tombstone = records.get(3);
            assertThat(tombstone.value()).isNull();
            assertThat(tombstone.key()).isEqualTo(delete.key());
            assertThat(tombstone.partition()).isEqualTo(delete.partition());

            List<Rec> txMarkers = markers.read(8, WAIT);
            assertThat(txMarkers).extracting(r -> r.value().get("status").asText())
                    .containsExactly("BEGIN", "END", "BEGIN", "END", "BEGIN", "END", "BEGIN", "END");
            assertThat(txMarkers).as("one partition: markers in commit order").extracting(Rec::partition)
                    .containsOnly(0);
            JsonNode end = txMarkers.get(1).value();
            assertThat(end.get("id").asText()).isEqualTo(tx.get("id").asText());
            assertThat(end.get("event_count").asLong()).isEqualTo(1);
            assertThat(end.get("data_collections").get(0).get("data_collection").asText())
                    .isEqualTo("public.bookings");
        }
    }

    @Test
    void primaryKeyChangeIsDeleteThenCreate(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("keychange");
        Sql.exec(pg, db, "CREATE TABLE t (id int PRIMARY KEY, v text)");
        try (TestPipeline.Running running = TestPipeline.of("keychange", pg, db, kafka, List.of("public.t")).start();
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "keychange.public.t")) {
            Sql.exec(pg, db, "INSERT INTO t VALUES (1, 'a')", "UPDATE t SET id = 2 WHERE id = 1");
            List<Rec> records = topic.read(4, WAIT);
            // Order holds per key (keys 1 and 2 may sit on different partitions).
            assertThat(records.stream().filter(r -> r.key().get("id").asInt() == 1)).extracting(Rec::op)
                    .containsExactly("c", "d", null);
            assertThat(records.stream().filter(r -> r.key().get("id").asInt() == 2)).extracting(Rec::op)
                    .containsExactly("c");
            Rec created = records.stream().filter(r -> r.key().get("id").asInt() == 2).findFirst().orElseThrow();
            assertThat(created.value().get("after").get("v").asText()).isEqualTo("a");
        }
    }

}
