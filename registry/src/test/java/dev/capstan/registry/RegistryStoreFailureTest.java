package dev.capstan.registry;

import static dev.capstan.registry.TestSchemas.field;
import static dev.capstan.registry.TestSchemas.rowText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.capstan.registry.Http.Answer;
import dev.capstan.testing.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Kafka outages during writes, on a private broker that the test stops and starts; the topic's record layout. */
class RegistryStoreFailureTest {

    private static final String TOPIC = "outage-schemas";
    private static final String V1 = rowText(field("a", "'long'"));
    private static final String V2 = rowText(field("a", "'long'"), field("b", "'int'", "1"));
    private static final String LANDED = rowText(field("a", "'long'"), field("c", "'string'", "'z'"));

    @Test
    void aKafkaOutageFailsWritesWith50001AndChangesNothing() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.builder().start();
             RegistryServer server = RegistryServer.start(RegistrySettings.builder(kafka.bootstrapServers())
                     .topic(TOPIC).host("127.0.0.1")
                     .kafkaProperty("delivery.timeout.ms", "3000")
                     .kafkaProperty("request.timeout.ms", "1000")
                     .kafkaProperty("max.block.ms", "2000")
                     .build())) {
            Http http = Http.to(server.url());
            assertThat(http.postSchema("/subjects/s/versions", V1).body()).isEqualTo("{\"id\":1}");

            kafka.stop();
            Answer failed = http.postSchema("/subjects/s/versions", V2);
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.errorCode()).isEqualTo(50001);
            assertThat(failed.message()).startsWith("Error in the backend data store: writing to Kafka topic "
                    + TOPIC + " on " + kafka.bootstrapServers() + " failed: ")
                    .endsWith("; nothing was changed, try again later");
            // reads are served from memory, which did not change
            assertThat(http.get("/subjects/s/versions").body()).isEqualTo("[1]");
            assertThat(http.get("/config/s").errorCode()).isEqualTo(40408);
            assertThat(http.postSchema("/subjects/s", V2).errorCode()).isEqualTo(40403);

            kafka.start();
            // a write whose acknowledgement was lost: in the topic, unknown to the registry's memory
            String schema = new Schema.Parser().parse(LANDED).toString();
            produce(kafka, "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":2,\"magic\":1}",
                    Http.JSON.createObjectNode().put("subject", "s").put("version", 2).put("id", 2)
                            .put("schema", schema).put("deleted", false).toString());

            // the next write re-reads the topic first, so it neither reuses id 2 nor version 2
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(http.postSchema("/subjects/s/versions", V2).body()).isEqualTo("{\"id\":3}"));
            assertThat(http.get("/subjects/s/versions").body()).isEqualTo("[1,2,3]");
            assertThat(http.get("/schemas/ids/2").json().path("schema").asText()).isEqualTo(schema);
            assertThat(http.put("/config/s", "{\"compatibility\":\"NONE\"}").status()).isEqualTo(200);
            assertThat(http.delete("/config/s").status()).isEqualTo(200);
            assertThat(http.put("/config", "{\"compatibility\":\"FULL\"}").status()).isEqualTo(200);

            List<String> records = readTopic(kafka);
            String v1 = new Schema.Parser().parse(V1).toString();
            assertThat(records).containsExactly(
                    "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1} => "
                            + Http.JSON.createObjectNode().put("subject", "s").put("version", 1).put("id", 1)
                            .put("schema", v1).put("deleted", false),
                    "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":2,\"magic\":1} => "
                            + Http.JSON.createObjectNode().put("subject", "s").put("version", 2).put("id", 2)
                            .put("schema", schema).put("deleted", false),
                    "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":3,\"magic\":1} => "
                            + Http.JSON.createObjectNode().put("subject", "s").put("version", 3).put("id", 3)
                            .put("schema", new Schema.Parser().parse(V2).toString()).put("deleted", false),
                    "{\"keytype\":\"CONFIG\",\"subject\":\"s\",\"magic\":0} => {\"compatibilityLevel\":\"NONE\"}",
                    "{\"keytype\":\"CONFIG\",\"subject\":\"s\",\"magic\":0} => null",
                    "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0} => {\"compatibilityLevel\":\"FULL\"}");
        }
    }

    private static void produce(KafkaBroker kafka, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    private static List<String> readTopic(KafkaBroker kafka) {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.key() + " => " + record.value());
                }
            }
        }
        return records;
    }
}
