package dev.capstan.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.capstan.registry.RegistryServer;
import dev.capstan.registry.RegistrySettings;
import dev.capstan.registry.client.RegistryClient;
import dev.capstan.runtime.support.AvroRecords;
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
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The registry goes away while a table changes: the runtime holds the table's events and retries (status
 * Retrying), loses nothing, and goes on when a registry on the same topic is back, with the same schema ids.
 */
@WithPostgres
@WithKafka
class RegistryOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aRegistryOutageHoldsEventsUntilItIsBackWithTheSameIds(PostgresServer pg, KafkaBroker kafka) throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RegistrySettings settings = RegistrySettings.builder(kafka.bootstrapServers()).topic("_schemas_outage")
                .host("127.0.0.1").port(port).build();
        RegistryServer registry = RegistryServer.start(settings);
        RegistryClient client = new RegistryClient(registry.url(), null, null, Duration.ofSeconds(5));
        String db = pg.createDatabase("outage");
        Sql.exec(pg, db, "CREATE TABLE public.parts (id bigint PRIMARY KEY, name text)");
        TestPipeline pipeline = TestPipeline.of("outage", pg, db, kafka, List.of("public.parts"))
                .snapshot("{mode: never}").policy("avro", "strict", "BACKWARD", "Pause", registry.url().toString());
        AvroRecords avro = new AvroRecords(client);
        try (TestPipeline.Running running = pipeline.start();
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "outage.public.parts")) {
            Sql.exec(pg, db, "INSERT INTO parts VALUES (1, 'bolt')");
            Rec first = topic.read(1, WAIT).get(0);
            int v1 = AvroRecords.schemaId(first.rawValue());
            registry.close();

            Sql.exec(pg, db, "ALTER TABLE parts ADD COLUMN weight int", "INSERT INTO parts VALUES (2, 'nut', 3)");
            await().atMost(WAIT).until(() -> running.pipeline().status().getRuntime().getState(), "Retrying"::equals);
            assertThat(running.pipeline().status().getRuntime().getMessage()).contains("schema registry");
            assertThat(topic.drain(Duration.ofSeconds(2))).hasSize(1);

            try (RegistryServer back = RegistryServer.start(settings)) {
                List<Rec> records = topic.readUntil(r -> r.size() >= 2, WAIT);
                assertThat(((GenericRecord) avro.read(records.get(1).rawValue()).get("after")).get("weight"))
                        .isEqualTo(3);
                assertThat(client.lookup("outage.public.parts-value", client.schemaById(v1)).orElseThrow().version())
                        .as("the first version keeps its id across the restart").isEqualTo(1);
                assertThat(AvroRecords.schemaId(records.get(1).rawValue())).isNotEqualTo(v1);
                await().atMost(WAIT).until(() -> running.pipeline().status().getRuntime().getState(),
                        s -> !s.equals("Retrying"));
            }
        }
    }
}
