package dev.capstan.runtime.source.postgres;

import java.time.LocalDate;

/**
 * date, timestamp and timestamptz values, from PostgreSQL's ISO output ({@code DateStyle=ISO},
 * which pgjdbc sets) to ISO-8601 strings. BC dates ({@code 0044-03-15 BC}) become proleptic
 * ISO years ({@code -0043-03-15}), years after 9999 get a {@code +} sign as in java.time, and
 * {@code infinity} / {@code -infinity} are kept as those words.
 *
 * <p>Stateless and thread-safe.
 */
final class PgDateTimes {

    private static final long SECONDS_PER_DAY = 86_400L;

    private PgDateTimes() {
    }

    /** date: {@code 2026-11-21}. */
    static String date(String text) {
        if (isInfinity(text)) {
            return text;
        }
        int end = endWithoutEra(text);
        DatePart date = datePart(text, end != text.length());
        if (date.end != end) {
            throw new IllegalArgumentException("unexpected text after the date in '" + text + "'");
        }
        if (end == 10 && end == text.length()) {
            return text; // already ISO-8601
        }
        StringBuilder out = new StringBuilder(12);
        appendDate(out, date.year, date.month, date.day);
        return out.toString();
    }

    /** timestamp: {@code 2026-11-21T10:15:30.123456}, always six fraction digits. */
    static String timestamp(String text) {
        if (isInfinity(text)) {
            return text;
        }
        int end = endWithoutEra(text);
        DatePart date = datePart(text, end != text.length());
        int time = timeStart(text, date);
        int fractionEnd = PgTimes.fractionEnd(text, time + 8);
        if (fractionEnd != end) {
            throw new IllegalArgumentException("unexpected text after the time in '" + text + "'");
        }
        StringBuilder out = new StringBuilder(26);
        appendDate(out, date.year, date.month, date.day);
        out.append('T');
        PgTimes.appendTime(out, PgTimes.number(text, time, time + 2), PgTimes.number(text, time + 3, time + 5),
                PgTimes.number(text, time + 6, time + 8), PgTimes.micros(text, time + 8, fractionEnd));
        return out.toString();
    }

    /** timestamptz: the instant in UTC, {@code 2026-11-21T09:15:30.123456Z}. */
    static String timestampTz(String text) {
        String utc = utcFastPath(text);
        if (utc != null) {
            return utc;
        }
        if (isInfinity(text)) {
            return text;
        }
        int end = endWithoutEra(text);
        DatePart date = datePart(text, end != text.length());
        int time = timeStart(text, date);
        int fractionEnd = PgTimes.fractionEnd(text, time + 8);
        long secondOfDay = PgTimes.number(text, time, time + 2) * 3600L + PgTimes.number(text, time + 3, time + 5) * 60L
                + PgTimes.number(text, time + 6, time + 8);
        long utcSeconds = LocalDate.of(date.year, date.month, date.day).toEpochDay() * SECONDS_PER_DAY
                + secondOfDay - PgTimes.offsetSeconds(text, fractionEnd, end);
        LocalDate utcDate = LocalDate.ofEpochDay(Math.floorDiv(utcSeconds, SECONDS_PER_DAY));
        long utcSecondOfDay = Math.floorMod(utcSeconds, SECONDS_PER_DAY);
        StringBuilder out = new StringBuilder(27);
        appendDate(out, utcDate.getYear(), utcDate.getMonthValue(), utcDate.getDayOfMonth());
        out.append('T');
        PgTimes.appendMicrosOfDay(out, utcSecondOfDay * PgTimes.MICROS_PER_SECOND
                + PgTimes.micros(text, time + 8, fractionEnd));
        return out.append('Z').toString();
    }

    /**
     * The common case, a session in UTC: {@code YYYY-MM-DD HH:MM:SS[.f{1,6}]+00} becomes
     * {@code YYYY-MM-DDTHH:MM:SS.ffffffZ} by moving characters. Null for anything else.
     */
    private static String utcFastPath(String text) {
        int n = text.length();
        if (n < 22 || n > 32 || text.charAt(n - 3) != '+' || text.charAt(n - 2) != '0' || text.charAt(n - 1) != '0'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int fractionEnd = n - 3;
        if (fractionEnd > 19 && text.charAt(19) != '.') {
            return null;
        }
        StringBuilder out = new StringBuilder(27).append(text, 0, 10).append('T').append(text, 11, 19).append('.');
        int digits = fractionEnd > 19 ? fractionEnd - 20 : 0;
        if (digits > 6) {
            return null;
        }
        if (digits > 0) {
            out.append(text, 20, fractionEnd);
        }
        for (int i = digits; i < 6; i++) {
            out.append('0');
        }
        return out.append('Z').toString();
    }

    private static boolean isInfinity(String text) {
        return "infinity".equals(text) || "-infinity".equals(text);
    }

    /** The length without a trailing {@code " BC"}. */
    private static int endWithoutEra(String text) {
        return text.endsWith(" BC") ? text.length() - 3 : text.length();
    }

    private record DatePart(int year, int month, int day, int end) {
    }

    /** {@code Y...Y-MM-DD} (four or more year digits) at the start of {@code text}. */
    private static DatePart datePart(String text, boolean beforeChrist) {
        int yearEnd = text.indexOf('-', 1);
        if (yearEnd < 4 || text.length() < yearEnd + 6 || text.charAt(yearEnd + 3) != '-') {
            throw new IllegalArgumentException("expected YYYY-MM-DD in '" + text + "'");
        }
        int year = PgTimes.number(text, 0, yearEnd);
        return new DatePart(beforeChrist ? 1 - year : year, PgTimes.number(text, yearEnd + 1, yearEnd + 3),
                PgTimes.number(text, yearEnd + 4, yearEnd + 6), yearEnd + 6);
    }

    /** The index of {@code HH} after the date and its separating space. */
    private static int timeStart(String text, DatePart date) {
        if (date.end >= text.length() || text.charAt(date.end) != ' ') {
            throw new IllegalArgumentException("expected a space between date and time in '" + text + "'");
        }
        PgTimes.expectTimeSeparators(text, date.end + 1);
        return date.end + 1;
    }

    /** ISO-8601 date, with java.time's signs for years before 1 and after 9999. */
    static void appendDate(StringBuilder out, int year, int month, int day) {
        if (year > 9999) {
            out.append('+').append(year);
        } else if (year < 0) {
            PgTimes.pad(out.append('-'), -year, 4);
        } else {
            PgTimes.pad(out, year, 4);
        }
        PgTimes.pad(out.append('-'), month, 2).append('-');
        PgTimes.pad(out, day, 2);
    }
}
