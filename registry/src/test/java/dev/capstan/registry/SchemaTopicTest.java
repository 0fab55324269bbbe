package dev.capstan.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@WithKafka
class SchemaTopicTest {

    /**
     * Right after the topic is created the broker may not know it yet (its describe answers "unknown topic or
     * partition" for a moment; CI once failed a registry start on it): every fresh topic opens, and what was
     * written to it is read back.
     */
    @Test
    void aTopicCreatedAMomentAgoOpens(KafkaBroker kafka) {
        for (int i = 0; i < 20; i++) {
            RegistrySettings settings = RegistrySettings.builder(kafka.bootstrapServers())
                    .topic("schemas-" + UUID.randomUUID()).build();
            try (SchemaTopic topic = SchemaTopic.open(settings)) {
                topic.append("{\"n\":" + i + "}", "x");
                List<String> keys = new ArrayList<>();
                topic.readAll(Duration.ofSeconds(30), (key, value) -> keys.add(key));
                assertThat(keys).containsExactly("{\"n\":" + i + "}");
            }
        }
    }
}
