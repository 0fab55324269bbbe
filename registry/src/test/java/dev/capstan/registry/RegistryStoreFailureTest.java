package dev.capstan.registry;

import static dev.capstan.registry.TestSchemas.field;
import static dev.capstan.registry.TestSchemas.rowText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.capstan.registry.Http.Answer;
import dev.capstan.testing.KafkaBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A Kafka outage during writes, on a private broker that the test stops and starts. */
class RegistryStoreFailureTest {

    private static final String V1 = rowText(field("a", "'long'"));
    private static final String V2 = rowText(field("a", "'long'"), field("b", "'int'", "1"));

    @Test
    void aKafkaOutageFailsWritesWith50001AndChangesNothing() {
        try (KafkaBroker kafka = KafkaBroker.builder().start();
             RegistryServer server = RegistryServer.start(RegistrySettings.builder(kafka.bootstrapServers())
                     .topic("outage-schemas").host("127.0.0.1")
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
                    + "outage-schemas on " + kafka.bootstrapServers() + " failed: ").endsWith("; nothing was changed");
            Answer config = http.put("/config/s", "{\"compatibility\":\"NONE\"}");
            assertThat(config.errorCode()).isEqualTo(50001);
            // reads are served from memory, which did not change
            assertThat(http.get("/subjects/s/versions").body()).isEqualTo("[1]");
            assertThat(http.get("/config/s").errorCode()).isEqualTo(40408);
            assertThat(http.postSchema("/subjects/s", V2).errorCode()).isEqualTo(40403);

            kafka.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(http.postSchema("/subjects/s/versions", V2).body()).isEqualTo("{\"id\":2}"));
            assertThat(http.get("/subjects/s/versions").body()).isEqualTo("[1,2]");
        }
    }
}
