package dev.capstan.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.registry.RegistryServer;
import dev.capstan.registry.RegistrySettings;
import dev.capstan.registry.client.RegistryClient;
import dev.capstan.registry.compat.CompatibilityMode;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.WithKafka;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** Schema ids are cached for the TTL; an override registers past the subject's level and puts it back. */
@WithKafka
class RegistryVersionsTest {

    private static final Schema V1 = SchemaBuilder.record("R").fields().requiredLong("a").endRecord();
    private static final Schema V2 = SchemaBuilder.record("R").fields().requiredInt("a").endRecord();

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void idsAreServedFromTheCacheUntilTheTtlEnds(KafkaBroker kafka) throws Exception {
        RegistryServer registry = RegistryServer.start(RegistrySettings.builder(kafka.bootstrapServers())
                .host("127.0.0.1").topic("_schemas_ttl").build());
        TestClock clock = new TestClock();
        RegistryVersions versions = new RegistryVersions(new RegistryClient(registry.url(), null, null,
                Duration.ofSeconds(2)), Duration.ofMinutes(5), clock);
        SchemaVersions.Version registered = versions.register("ttl-value", V1, false);
        registry.close();

        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(versions.find("ttl-value", V1)).contains(registered);
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThatThrownBy(() -> versions.find("ttl-value", V1)).isInstanceOf(SchemaStoreException.class)
                .matches(e -> ((SchemaStoreException) e).retriable(), "retriable");
    }

    @Test
    void anOverrideRegistersPastTheSubjectsLevelAndPutsItBack(KafkaBroker kafka) throws Exception {
        try (RegistryServer registry = RegistryServer.start(RegistrySettings.builder(kafka.bootstrapServers())
                .host("127.0.0.1").topic("_schemas_override").build())) {
            RegistryClient client = new RegistryClient(registry.url(), null, null, Duration.ofSeconds(5));
            RegistryVersions versions = new RegistryVersions(client, Duration.ofMinutes(5), Clock.systemUTC());
            versions.register("o-value", V1, false);
            client.setSubjectCompatibility("o-value", CompatibilityMode.FULL);
            assertThatThrownBy(() -> versions.register("o-value", V2, false))
                    .isInstanceOf(SchemaStoreException.class).hasMessageContaining("409");
            assertThat(versions.register("o-value", V2, true).version()).isEqualTo(2);
            assertThat(client.subjectCompatibility("o-value")).contains(CompatibilityMode.FULL);
            assertThat(versions.history("o-value")).extracting(SchemaVersions.Version::version).containsExactly(1, 2);
        }
    }
}
