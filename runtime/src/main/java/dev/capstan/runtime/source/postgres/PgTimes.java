package dev.capstan.runtime.source.postgres;

/**
 * time and timetz values, and the time-of-day pieces shared with {@link PgDateTimes}. Parses
 * {@code HH:MM:SS[.ffffff]} and UTC offsets {@code ±HH[:MM[:SS]]} by index, without regex.
 *
 * <p>Stateless and thread-safe.
 */
final class PgTimes {

    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private PgTimes() {
    }

    /** time: {@code HH:mm:ss.SSSSSS} with always six fraction digits; {@code 24:00:00} is kept. */
    static String time(String text) {
        expectTimeSeparators(text, 0);
        int end = fractionEnd(text, 8);
        StringBuilder out = new StringBuilder(15);
        appendTime(out, number(text, 0, 2), number(text, 3, 5), number(text, 6, 8), micros(text, 8, end));
        requireEnd(text, end);
        return out.toString();
    }

    /** timetz: the same instant of the day in UTC, {@code HH:mm:ss.SSSSSSZ} (Debezium's ZonedTime). */
    static String timeTz(String text) {
        expectTimeSeparators(text, 0);
        int end = fractionEnd(text, 8);
        long local = ((number(text, 0, 2) * 60L + number(text, 3, 5)) * 60L + number(text, 6, 8)) * MICROS_PER_SECOND
                + micros(text, 8, end);
        long utc = Math.floorMod(local - offsetSeconds(text, end, text.length()) * MICROS_PER_SECOND, MICROS_PER_DAY);
        StringBuilder out = new StringBuilder(16);
        appendMicrosOfDay(out, utc);
        return out.append('Z').toString();
    }

    /** Appends {@code HH:mm:ss.SSSSSS} for a number of microseconds since midnight. */
    static void appendMicrosOfDay(StringBuilder out, long micros) {
        long seconds = micros / MICROS_PER_SECOND;
        appendTime(out, (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60),
                (int) (micros % MICROS_PER_SECOND));
    }

    static void appendTime(StringBuilder out, int hour, int minute, int second, int micros) {
        pad(out, hour, 2).append(':');
        pad(out, minute, 2).append(':');
        pad(out, second, 2).append('.');
        pad(out, micros, 6);
    }

    static StringBuilder pad(StringBuilder out, int value, int width) {
        for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }

    /** A non-negative decimal number in {@code text[from, to)}. */
    static int number(String text, int from, int to) {
        if (to > text.length()) {
            throw new IllegalArgumentException("date/time value is too short: '" + text + "'");
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("unexpected '" + c + "' in date/time value '" + text + "'");
            }
        }
        return Integer.parseInt(text, from, to, 10);
    }

    /** The index after an optional {@code .digits} starting at {@code from}. */
    static int fractionEnd(String text, int from) {
        if (from >= text.length() || text.charAt(from) != '.') {
            return from;
        }
        int i = from + 1;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Microseconds of an optional fraction {@code .f} to {@code .ffffff} in {@code text[from, to)}. */
    static int micros(String text, int from, int to) {
        int digits = to - from - 1;
        if (digits <= 0) {
            return 0;
        }
        if (digits > 6) {
            throw new IllegalArgumentException("more than 6 fraction digits in '" + text + "'");
        }
        int value = number(text, from + 1, to);
        for (int i = digits; i < 6; i++) {
            value *= 10;
        }
        return value;
    }

    /** A UTC offset {@code ±HH}, {@code ±HH:MM} or {@code ±HH:MM:SS} filling {@code text[from, to)}, in seconds. */
    static int offsetSeconds(String text, int from, int to) {
        int length = to - from;
        if (length != 3 && length != 6 && length != 9 || text.charAt(from) != '+' && text.charAt(from) != '-') {
            throw new IllegalArgumentException("no UTC offset at the end of '" + text + "'");
        }
        int seconds = number(text, from + 1, from + 3) * 3600;
        if (length >= 6) {
            seconds += number(text, from + 4, from + 6) * 60;
        }
        if (length == 9) {
            seconds += number(text, from + 7, from + 9);
        }
        return text.charAt(from) == '-' ? -seconds : seconds;
    }

    /** Checks the colons of {@code HH:MM:SS} starting at {@code from}. */
    static void expectTimeSeparators(String text, int from) {
        if (text.length() < from + 8 || text.charAt(from + 2) != ':' || text.charAt(from + 5) != ':') {
            throw new IllegalArgumentException("expected HH:MM:SS in '" + text + "'");
        }
    }

    static void requireEnd(String text, int end) {
        if (end != text.length()) {
            throw new IllegalArgumentException("unexpected text after the time in '" + text + "'");
        }
    }
}
