package dev.capstan.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesCompoundDurations() {
        assertThat(Durations.parse("10s", "f")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("1h30m", "f")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("250ms", "f")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void rejectsGarbageNamingTheField() {
        assertThatThrownBy(() -> Durations.parse("10 seconds", "spec.source.postgres.heartbeatInterval"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spec.source.postgres.heartbeatInterval")
                .hasMessageContaining("10 seconds");
        assertThatThrownBy(() -> Durations.parse("s10", "f")).isInstanceOf(ConfigException.class);
    }
}
