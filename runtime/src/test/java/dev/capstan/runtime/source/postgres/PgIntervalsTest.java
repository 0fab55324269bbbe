package dev.capstan.runtime.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** interval text in IntervalStyle postgres (the default) to ISO-8601 durations. */
class PgIntervalsTest {

    private static Object convert(String text) {
        return PgValueConverter.forType(PgTypes.INTERVAL).convert(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 year 2 mons 3 days 04:05:06.5|P1Y2M3DT4H5M6.5S",
        "1 year|P1Y",
        "2 years|P2Y",
        "1 mon|P1M",
        "11 mons|P11M",
        "1 day|P1D",
        "45 days|P45D",
        "00:00:00|PT0S",
        "00:00:01|PT1S",
        "00:01:00|PT1M",
        "01:00:00|PT1H",
        "00:00:00.000001|PT0.000001S",
        "00:00:00.1|PT0.1S",
        "04:05:06.123456|PT4H5M6.123456S",
        "100:00:00|PT100H",
        "-00:00:01|PT-1S",
        "-04:05:06.5|PT-4H-5M-6.5S",
        "-1 years -2 mons +3 days -04:05:06|P-1Y-2M3DT-4H-5M-6S",
        "-1 days +02:00:00|P-1DT2H",
        "1 day -02:00:00|P1DT-2H",
        "3 days 00:00:00.25|P3DT0.25S",
        "178000000 years|P178000000Y",
        "2562047788:00:54.775807|PT2562047788H54.775807S"})
    void postgresStyle(String text, String expected) {
        assertThat(convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1Y2M3DT4H5M6.5S", "PT0S", "P-1Y-2M3DT-4H-5M-6S", "infinity", "-infinity"})
    void isoStyleAndInfinityPassThrough(String text) {
        assertThat(convert(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@ 1 year 2 mons", "1-2", "3 4:05:06", "+1-2 +3 +4:05:06", "1 week", "1 year x", "",
        "1", "04:05", "abc days"})
    void otherStylesFailNamingTheSetting(String text) {
        assertThatThrownBy(() -> convert(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IntervalStyle");
    }
}
