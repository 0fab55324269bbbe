package dev.capstan.runtime.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MariaDbGtidTest {

    @Test
    void parsesAndFormats() {
        MariaDbGtid gtid = MariaDbGtid.parse("0-1-123");
        assertThat(gtid.domain()).isZero();
        assertThat(gtid.serverId()).isEqualTo(1L);
        assertThat(gtid.sequence()).isEqualTo(123L);
        assertThat(gtid).hasToString("0-1-123").isEqualTo(new MariaDbGtid(0, 1, 123));
    }

    @Test
    void unsignedExtremes() {
        MariaDbGtid max = MariaDbGtid.parse("4294967295-4294967295-18446744073709551615");
        assertThat(max.domain()).isEqualTo(4_294_967_295L);
        assertThat(max.serverId()).isEqualTo(4_294_967_295L);
        assertThat(max.sequence()).isEqualTo(-1L);
        assertThat(max).hasToString("4294967295-4294967295-18446744073709551615");
        assertThat(MariaDbGtid.parse("0-0-0")).hasToString("0-0-0");
        assertThat(MariaDbGtid.parse("00-01-0123")).hasToString("0-1-123");
    }

    @Test
    void comparesSequencesUnsigned() {
        MariaDbGtid high = MariaDbGtid.parse("0-1-18446744073709551615");
        MariaDbGtid low = MariaDbGtid.parse("0-1-5");
        assertThat(low.sequenceAtOrBefore(high)).isTrue();
        assertThat(high.sequenceAtOrBefore(low)).isFalse();
        assertThat(low.sequenceAtOrBefore(low)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0-1", "0-1-2-3", "a-1-2", "0--2", "-0-1-2", "0-1-+2", " 0-1-2", "0-1-2 ", "0:1:2",
        "0-1-1x"})
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> MariaDbGtid.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a MariaDB GTID")
                .hasMessageContaining("for example 0-1-123")
                .hasMessageEndingWith("'" + text + "'");
    }

    @Test
    void rejectsOutOfRangeNumbers() {
        assertThatThrownBy(() -> MariaDbGtid.parse("4294967296-1-2"))
                .hasMessage("not a MariaDB GTID (expected domain-server-sequence, for example 0-1-123; "
                        + "the domain must be 0 to 4294967295): '4294967296-1-2'");
        assertThatThrownBy(() -> MariaDbGtid.parse("1-4294967296-2"))
                .hasMessageContaining("the server id must be 0 to 4294967295").hasMessageEndingWith("'1-4294967296-2'");
        assertThatThrownBy(() -> MariaDbGtid.parse("1-2-18446744073709551616"))
                .hasMessageContaining("the sequence must be 0 to 18446744073709551615")
                .hasMessageEndingWith("'1-2-18446744073709551616'");
        assertThatThrownBy(() -> MariaDbGtid.parse("18446744073709551615-1-2"))
                .hasMessageContaining("the domain must be 0 to 4294967295");
        assertThatThrownBy(() -> new MariaDbGtid(-1, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MariaDB GTID domain -1 is out of range 0 to 4294967295");
        assertThatThrownBy(() -> new MariaDbGtid(1, 1L << 32, 2))
                .hasMessage("MariaDB GTID server id 4294967296 is out of range 0 to 4294967295");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> MariaDbGtid.parse(null)).hasMessageContaining("not a MariaDB GTID");
    }
}
