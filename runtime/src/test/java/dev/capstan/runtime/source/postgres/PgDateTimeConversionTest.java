package dev.capstan.runtime.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** date, time, timetz, timestamp and timestamptz, from ISO DateStyle text. */
class PgDateTimeConversionTest {

    private static Object convert(int oid, String text) {
        return PgValueConverter.forType(oid).convert(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-11-21|2026-11-21",
        "0001-01-01|0001-01-01",
        "0044-03-15 BC|-0043-03-15",
        "0001-01-01 BC|0000-01-01",
        "4713-01-01 BC|-4712-01-01",
        "12345-06-07|+12345-06-07",
        "infinity|infinity",
        "-infinity|-infinity"})
    void dates(String text, String expected) {
        assertThat(convert(PgTypes.DATE, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-11-21 10:15:30.123456|2026-11-21T10:15:30.123456",
        "2026-11-21 10:15:30|2026-11-21T10:15:30.000000",
        "2026-11-21 10:15:30.5|2026-11-21T10:15:30.500000",
        "2026-11-21 00:00:00.000001|2026-11-21T00:00:00.000001",
        "0044-03-15 12:00:00 BC|-0043-03-15T12:00:00.000000",
        "20000-01-01 00:00:00|+20000-01-01T00:00:00.000000",
        "infinity|infinity",
        "-infinity|-infinity"})
    void timestamps(String text, String expected) {
        assertThat(convert(PgTypes.TIMESTAMP, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-11-21 10:15:30.123456+01|2026-11-21T09:15:30.123456Z",
        "2026-11-21 10:15:30.123456+00|2026-11-21T10:15:30.123456Z",
        "2026-11-21 00:30:00-05|2026-11-21T05:30:00.000000Z",
        "2026-11-21 23:30:00-02|2026-11-22T01:30:00.000000Z",
        "2026-01-01 01:00:00+05:30|2025-12-31T19:30:00.000000Z",
        "2024-02-29 12:00:00.25-09:30|2024-02-29T21:30:00.250000Z",
        "1900-01-01 00:00:00+00:09:21|1899-12-31T23:50:39.000000Z",
        "0044-03-15 12:00:00+00 BC|-0043-03-15T12:00:00.000000Z",
        "infinity|infinity",
        "-infinity|-infinity"})
    void timestampsWithTimeZoneInUtc(String text, String expected) {
        assertThat(convert(PgTypes.TIMESTAMPTZ, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-11-21 10:15:30.123456+01",
        "2026-03-29 02:30:00.000001-07",
        "1970-01-01 00:00:00+14",
        "1999-12-31 23:59:59.999999-12"})
    void timestampWithTimeZoneMatchesJavaTime(String text) {
        String iso = text.replace(' ', 'T') + ":00";
        Instant expected = OffsetDateTime.parse(iso).toInstant();
        assertThat(Instant.parse((String) convert(PgTypes.TIMESTAMPTZ, text))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "04:05:06|04:05:06.000000",
        "04:05:06.789|04:05:06.789000",
        "23:59:59.999999|23:59:59.999999",
        "00:00:00|00:00:00.000000",
        "24:00:00|24:00:00.000000"})
    void times(String text, String expected) {
        assertThat(convert(PgTypes.TIME, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "04:05:06+02|02:05:06.000000Z",
        "04:05:06.5-03|07:05:06.500000Z",
        "01:00:00+05:30|19:30:00.000000Z",
        "23:30:00-01|00:30:00.000000Z",
        "12:00:00+00|12:00:00.000000Z",
        "00:00:00+00:00:30|23:59:30.000000Z"})
    void timesWithTimeZoneInUtc(String text, String expected) {
        assertThat(convert(PgTypes.TIMETZ, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026/11/21", "2026-11-2", "26-11-21", "2026-11-21x", "2026-11-21 BCE", ""})
    void malformedDatesFail(String text) {
        assertThatThrownBy(() -> convert(PgTypes.DATE, text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T10:15:30", "2026-11-21 10:15", "2026-11-21 10:15:30.1234567",
        "2026-11-21 10:15:30+01", "2026-11-21 1a:15:30"})
    void malformedTimestampsFail(String text) {
        assertThatThrownBy(() -> convert(PgTypes.TIMESTAMP, text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21 10:15:30", "2026-11-21 10:15:30+1", "2026-11-21 10:15:30 UTC"})
    void timestampWithTimeZoneWithoutNumericOffsetFails(String text) {
        assertThatThrownBy(() -> convert(PgTypes.TIMESTAMPTZ, text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4:05:06", "04-05-06", "04:05:06 ", "04:05"})
    void malformedTimesFail(String text) {
        assertThatThrownBy(() -> convert(PgTypes.TIME, text)).isInstanceOf(IllegalArgumentException.class);
    }
}
