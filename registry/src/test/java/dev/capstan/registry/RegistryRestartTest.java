package dev.capstan.registry;

import static dev.capstan.registry.TestSchemas.field;
import static dev.capstan.registry.TestSchemas.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.registry.client.RegisteredSchema;
import dev.capstan.registry.client.RegistryClient;
import dev.capstan.registry.client.RegistryException;
import dev.capstan.registry.compat.CompatibilityMode;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithKafka
class RegistryRestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Schema A1 = row(field("a", "'int'"));
    private static final Schema A2 = row(field("a", "'int'"), field("b", "'string'", "'x'"));
    private static final Schema B2 = row(field("a", "'int'"), field("c", "'long'", "0"));
    private static final Schema C1 = row(field("z", "'string'"));
    private static final Schema NARROWED = row(field("a", "'long'"), field("b", "'int'"));

    @Test
    void aRestartedRegistryHasTheSameIdsVersionsAndLevels(KafkaBroker kafka) throws Exception {
        RegistrySettings settings = RegistrySettings.builder(kafka.bootstrapServers())
                .topic("schemas-" + UUID.randomUUID()).host("127.0.0.1").build();
        try (RegistryServer first = RegistryServer.start(settings)) {
            RegistryClient client = client(first);
            assertThat(client.register("a-value", A1)).isEqualTo(1);
            assertThat(client.register("a-value", A2)).isEqualTo(2);
            assertThat(client.register("b-value", A1)).isEqualTo(1);
            assertThat(client.register("b-value", B2)).isEqualTo(3);
            assertThat(client.register("c-value", C1)).isEqualTo(4);
            client.setSubjectCompatibility("a-value", CompatibilityMode.NONE);
            client.setSubjectCompatibility("c-value", CompatibilityMode.FULL_TRANSITIVE);
            client.setSubjectCompatibility("b-value", CompatibilityMode.BACKWARD_TRANSITIVE);
            client.deleteSubjectCompatibility("b-value");
            assertThat(Http.to(first.url()).put("/config", "{\"compatibility\":\"FORWARD\"}").status())
                    .isEqualTo(200);
        }

        try (RegistryServer second = RegistryServer.start(settings)) {
            RegistryClient client = client(second);
            assertThat(client.versions("a-value")).containsExactly(1, 2);
            assertThat(client.versions("b-value")).containsExactly(1, 2);
            assertThat(client.versions("c-value")).containsExactly(1);
            assertThat(client.version("a-value", 2)).isEqualTo(new RegisteredSchema("a-value", 2, 2, A2));
            assertThat(client.version("b-value", 1)).isEqualTo(new RegisteredSchema("b-value", 1, 1, A1));
            assertThat(client.latest("b-value")).contains(new RegisteredSchema("b-value", 3, 2, B2));
            assertThat(client.lookup("c-value", C1)).contains(new RegisteredSchema("c-value", 4, 1, C1));
            assertThat(client.subjectCompatibility("a-value")).contains(CompatibilityMode.NONE);
            assertThat(client.subjectCompatibility("b-value")).isEmpty();
            assertThat(client.subjectCompatibility("c-value")).contains(CompatibilityMode.FULL_TRANSITIVE);
            assertThat(Http.to(second.url()).get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
            assertThat(Http.to(second.url()).get("/subjects").body())
                    .isEqualTo("[\"a-value\",\"b-value\",\"c-value\"]");

            // the same schemas keep their ids, a new one gets the next id and the next version
            assertThat(client.register("a-value", A2)).isEqualTo(2);
            assertThat(client.register("d-value", B2)).isEqualTo(3);
            assertThat(client.register("a-value", NARROWED)).isEqualTo(5);
            assertThat(client.versions("a-value")).containsExactly(1, 2, 3);
            // the restored levels apply: FULL_TRANSITIVE on c-value refuses a field without default, the global
            // FORWARD on d-value accepts it (BACKWARD, the default, would not)
            Schema withRequiredField = row(field("z", "'string'"), field("y", "'int'"));
            assertThatThrownBy(() -> client.register("c-value", withRequiredField))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.incompatible()).isTrue());
            Schema b3 = row(field("a", "'int'"), field("c", "'long'", "0"), field("y", "'int'"));
            assertThat(client.register("d-value", b3)).isEqualTo(6);
            assertThat(client.versions("d-value")).containsExactly(1, 2);
        }

        try (RegistryServer third = RegistryServer.start(settings)) {
            RegistryClient fresh = client(third);
            assertThat(fresh.schemaById(2)).isEqualTo(A2);
            assertThat(fresh.schemaById(5)).isEqualTo(NARROWED);
            assertThat(fresh.version("a-value", 3)).isEqualTo(new RegisteredSchema("a-value", 5, 3, NARROWED));
            assertThat(fresh.versions("d-value")).isEqualTo(List.of(1, 2));
            assertThat(fresh.latest("d-value").map(RegisteredSchema::id)).isEqualTo(Optional.of(6));
            assertThat(fresh.latest("c-value").map(RegisteredSchema::version)).isEqualTo(Optional.of(1));
            assertThat(fresh.register("e-value", row(field("e", "'int'")))).isEqualTo(7);
        }
    }

    @Test
    void replaysConfluentRecordsAndSkipsWhatItDoesNotKnow(KafkaBroker kafka) throws Exception {
        String topic = "schemas-" + UUID.randomUUID();
        kafka.createTopic(topic, 1);
        String schema = A1.toString().replace("\"", "\\\"");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "{\"keytype\":\"NOOP\",\"magic\":0}", null));
            producer.send(new ProducerRecord<>(topic, "not json", "{}"));
            producer.send(new ProducerRecord<>(topic, "{\"magic\":1,\"keytype\":\"SCHEMA\",\"subject\":\"x\","
                    + "\"version\":1}", "{\"subject\":\"x\",\"version\":1,\"id\":7,\"schema\":\"" + schema
                    + "\",\"deleted\":false}"));
            producer.send(new ProducerRecord<>(topic, "{\"magic\":1,\"keytype\":\"SCHEMA\",\"subject\":\"x\","
                    + "\"version\":2}", "{\"subject\":\"x\",\"version\":2,\"id\":8,\"schema\":\"{broken\","
                    + "\"deleted\":false}"));
            producer.send(new ProducerRecord<>(topic, "{\"keytype\":\"CONFIG\",\"magic\":0}",
                    "{\"compatibilityLevel\":\"FULL\"}")).get();
        }

        try (RegistryServer server = RegistryServer.start(RegistrySettings.builder(kafka.bootstrapServers())
                .topic(topic).host("127.0.0.1").build())) {
            RegistryClient client = client(server);
            assertThat(client.versions("x")).containsExactly(1);
            assertThat(client.schemaById(7)).isEqualTo(A1);
            assertThat(Http.to(server.url()).get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
            // the next id follows the highest id seen, the next version the highest version seen
            assertThat(client.register("x", A2)).isEqualTo(9);
            assertThat(client.versions("x")).containsExactly(1, 3);
        }
    }

    @Test
    void refusesATopicWithSeveralPartitions(KafkaBroker kafka) {
        String topic = "schemas-" + UUID.randomUUID();
        kafka.createTopic(topic, 2);

        assertThatThrownBy(() -> RegistryServer.start(RegistrySettings.builder(kafka.bootstrapServers())
                .topic(topic).host("127.0.0.1").build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("topic " + topic + " has 2 partitions; the schema registry needs a topic with exactly 1");
    }

    private static RegistryClient client(RegistryServer server) {
        return new RegistryClient(server.url(), null, null, TIMEOUT);
    }
}
