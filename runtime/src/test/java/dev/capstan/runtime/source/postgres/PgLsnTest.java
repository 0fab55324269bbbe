package dev.capstan.runtime.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.replication.LogSequenceNumber;

class PgLsnTest {

    @Test
    void parsesAndFormats() {
        PgLsn lsn = PgLsn.parse("16/B374D848");
        assertThat(lsn.asLong()).isEqualTo(0x16_B374_D848L);
        assertThat(lsn.format()).isEqualTo("16/B374D848");
        assertThat(lsn).hasToString("16/B374D848");
    }

    @Test
    void parsesLowerCaseAndPaddedHalves() {
        assertThat(PgLsn.parse("0000016/00b374d8").asLong()).isEqualTo(0x16_00B3_74D8L);
        assertThat(PgLsn.parse("0000016/00b374d8").format()).isEqualTo("16/B374D8");
    }

    @Test
    void extremes() {
        assertThat(PgLsn.parse("0/0")).isSameAs(PgLsn.INVALID);
        assertThat(PgLsn.parse("0/1").asLong()).isEqualTo(1L);
        PgLsn max = PgLsn.parse("FFFFFFFF/FFFFFFFF");
        assertThat(max.asLong()).isEqualTo(-1L);
        assertThat(max.format()).isEqualTo("FFFFFFFF/FFFFFFFF");
        assertThat(PgLsn.parse("1/0").asLong()).isEqualTo(1L << 32);
        assertThat(PgLsn.parse("80000000/0").format()).isEqualTo("80000000/0");
    }

    @Test
    void comparesUnsigned() {
        PgLsn max = PgLsn.parse("FFFFFFFF/FFFFFFFF");
        PgLsn one = PgLsn.parse("0/1");
        PgLsn high = PgLsn.parse("80000000/0");
        assertThat(max).isGreaterThan(one);
        assertThat(high).isGreaterThan(PgLsn.parse("7FFFFFFF/FFFFFFFF"));
        assertThat(one).isGreaterThan(PgLsn.INVALID);
        assertThat(max.isAfter(one)).isTrue();
        assertThat(one.isBefore(max)).isTrue();
        assertThat(one.isAfter(one)).isFalse();
        assertThat(PgLsn.max(one, max)).isSameAs(max);
        assertThat(PgLsn.max(high, one)).isSameAs(high);
        List<PgLsn> sorted = new ArrayList<>(List.of(max, PgLsn.INVALID, high, one));
        Collections.sort(sorted);
        assertThat(sorted).containsExactly(PgLsn.INVALID, one, high, max);
    }

    @Test
    void invalidSentinel() {
        assertThat(PgLsn.INVALID.isValid()).isFalse();
        assertThat(PgLsn.INVALID.format()).isEqualTo("0/0");
        assertThat(PgLsn.of(0)).isSameAs(PgLsn.INVALID);
        assertThat(PgLsn.of(5).isValid()).isTrue();
    }

    @Test
    void equalsAndHashCodeByValue() {
        assertThat(PgLsn.of(0x16_B374_D848L)).isEqualTo(PgLsn.parse("16/B374D848"))
                .hasSameHashCodeAs(PgLsn.parse("16/B374D848"))
                .isNotEqualTo(PgLsn.parse("16/B374D849"));
    }

    @Test
    void convertsToAndFromPgjdbc() {
        LogSequenceNumber pgjdbc = LogSequenceNumber.valueOf("16/B374D848");
        PgLsn lsn = PgLsn.from(pgjdbc);
        assertThat(lsn.asLong()).isEqualTo(pgjdbc.asLong());
        assertThat(lsn.toLogSequenceNumber()).isEqualTo(pgjdbc);
        assertThat(lsn.toLogSequenceNumber().asString()).isEqualTo(lsn.format());
        assertThat(PgLsn.from(LogSequenceNumber.INVALID_LSN)).isSameAs(PgLsn.INVALID);
        PgLsn max = PgLsn.parse("FFFFFFFF/FFFFFFFF");
        assertThat(max.toLogSequenceNumber().asString()).isEqualTo("FFFFFFFF/FFFFFFFF");
        assertThat(PgLsn.from(max.toLogSequenceNumber())).isEqualTo(max);
    }

    @Test
    void ordersLikePgjdbc() {
        LogSequenceNumber a = LogSequenceNumber.valueOf("FFFFFFFF/0");
        LogSequenceNumber b = LogSequenceNumber.valueOf("1/0");
        assertThat(Integer.signum(PgLsn.from(a).compareTo(PgLsn.from(b)))).isEqualTo(Integer.signum(a.compareTo(b)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "16", "16/", "/B374D848", "1G/0", "16/B374D84Z", "123456789/0",
        "0/123456789", "16-B374D848", "16/B374/D848", " 16/B374D848", "-1/0", "+1/0"})
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> PgLsn.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a PostgreSQL LSN");
    }
}
