package dev.capstan.runtime.source.mysql;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;

/**
 * DATE, TIME, DATETIME and TIMESTAMP values as microseconds, and their JSON strings. Both the binlog and the
 * JDBC path turn a value into microseconds first (dates and date-times counted from 1970-01-01T00:00 on the
 * proleptic Gregorian calendar, TIME as a signed duration) and format it here, so both print it the same way.
 * {@link #INVALID} stands for MySQL's zero dates ({@code 0000-00-00}) and dates with a zero month or day.
 *
 * <p>Stateless and thread-safe.
 */
final class MySqlDateTimes {

    /** A zero or otherwise invalid date (the binlog connector's {@code INVALID_DATE_AND_TIME_AS_MIN_VALUE}). */
    static final long INVALID = Long.MIN_VALUE;
    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private MySqlDateTimes() {
    }

    /** Microseconds since 1970-01-01T00:00 of a date-time, or {@link #INVALID} if the date is not a calendar date. */
    static long epochMicros(int year, int month, int day, long microsOfDay) {
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
            return INVALID;
        }
        return LocalDate.of(year, month, day).toEpochDay() * MICROS_PER_DAY + microsOfDay;
    }

    /** Microseconds since 1970-01-01T00:00 of a date-time read over JDBC. */
    static long epochMicros(LocalDateTime value) {
        return value.toLocalDate().toEpochDay() * MICROS_PER_DAY + value.toLocalTime().toNanoOfDay() / 1000;
    }

    static long microsOfDay(int hour, int minute, int second, long micros) {
        return ((hour * 60L + minute) * 60L + second) * MICROS_PER_SECOND + micros;
    }

    /** DATE: {@code 2026-11-21}. */
    static String date(long epochMicros) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMicros, MICROS_PER_DAY)).toString();
    }

    /** DATETIME: {@code 2026-11-21T10:15:30.123456}, always six fraction digits. */
    static String dateTime(long epochMicros) {
        StringBuilder out = new StringBuilder(27).append(date(epochMicros)).append('T');
        appendClock(out, Math.floorMod(epochMicros, MICROS_PER_DAY));
        return out.toString();
    }

    /** TIMESTAMP: the instant in UTC, {@code 2026-11-21T09:15:30.123456Z}. */
    static String instant(long epochMicros) {
        return dateTime(epochMicros) + 'Z';
    }

    /** TIME: {@code [-]HH:mm:ss.SSSSSS}, hours up to 838, always six fraction digits. */
    static String time(long micros) {
        StringBuilder out = new StringBuilder(17);
        if (micros < 0) {
            out.append('-');
        }
        appendClock(out, Math.abs(micros));
        return out.toString();
    }

    /** {@code HH:mm:ss.SSSSSS} of a non-negative duration; hours get more digits when over 99. */
    private static void appendClock(StringBuilder out, long micros) {
        long seconds = micros / MICROS_PER_SECOND;
        appendTwo(out, seconds / 3600).append(':');
        appendTwo(out, seconds / 60 % 60).append(':');
        appendTwo(out, seconds % 60).append('.');
        String fraction = Long.toString(micros % MICROS_PER_SECOND);
        out.append("000000", fraction.length(), 6).append(fraction);
    }

    private static StringBuilder appendTwo(StringBuilder out, long value) {
        return (value < 10 ? out.append('0') : out).append(value);
    }
}
