package dev.capstan.runtime.source.postgres;

/**
 * interval values, from PostgreSQL's default {@code IntervalStyle=postgres} output
 * ({@code 1 year 2 mons -3 days +04:05:06.5}) to an ISO-8601 duration with designators
 * ({@code P1Y2M-3DT4H5M6.5S}), the form PostgreSQL's own {@code iso_8601} style prints: each
 * non-zero field carries its own sign, hours are not folded into days (a day is not always 24
 * hours) nor months into years, and zero is {@code PT0S}.
 *
 * <p>Values already in {@code iso_8601} style and {@code infinity} / {@code -infinity}
 * (PostgreSQL 17) pass through unchanged; {@code sql_standard} and {@code postgres_verbose}
 * output is rejected with a message naming the setting.
 *
 * <p>Stateless and thread-safe.
 */
final class PgIntervals {

    private PgIntervals() {
    }

    /** Converts one interval text value to an ISO-8601 duration string. */
    static String iso8601(String text) {
        if (text.startsWith("P") || "infinity".equals(text) || "-infinity".equals(text)) {
            return text;
        }
        if (text.isEmpty()) {
            throw unsupported(text);
        }
        long years = 0;
        long months = 0;
        long days = 0;
        long timeMicros = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            int tokenEnd = tokenEnd(text, i);
            int colon = text.indexOf(':', i);
            if (colon >= 0 && colon < tokenEnd) {
                timeMicros = timeMicros(text, i, tokenEnd);
                i = tokenEnd + 1;
                continue;
            }
            long value = parseLong(text, i, tokenEnd);
            int unit = tokenEnd + 1;
            int unitEnd = tokenEnd(text, unit);
            if (isUnit(text, unit, unitEnd, "year")) {
                years = value;
            } else if (isUnit(text, unit, unitEnd, "mon")) {
                months = value;
            } else if (isUnit(text, unit, unitEnd, "day")) {
                days = value;
            } else {
                throw unsupported(text);
            }
            i = unitEnd + 1;
        }
        return format(years, months, days, timeMicros);
    }

    private static int tokenEnd(String text, int from) {
        int space = text.indexOf(' ', from);
        return space < 0 ? text.length() : space;
    }

    /** {@code unit} or its plural fills {@code text[from, to)}. */
    private static boolean isUnit(String text, int from, int to, String unit) {
        int length = to - from;
        return text.startsWith(unit, from)
                && (length == unit.length() || length == unit.length() + 1 && text.charAt(to - 1) == 's');
    }

    /** {@code [+-]H...H:MM:SS[.ffffff]} as signed microseconds. */
    private static long timeMicros(String text, int from, int to) {
        boolean negative = text.charAt(from) == '-';
        int start = text.charAt(from) == '-' || text.charAt(from) == '+' ? from + 1 : from;
        int colon = text.indexOf(':', start);
        if (colon + 6 > to || text.charAt(colon + 3) != ':') {
            throw unsupported(text);
        }
        long hours = parseLong(text, start, colon);
        long micros = ((hours * 60 + PgTimes.number(text, colon + 1, colon + 3)) * 60
                + PgTimes.number(text, colon + 4, colon + 6)) * PgTimes.MICROS_PER_SECOND;
        int fractionEnd = PgTimes.fractionEnd(text, colon + 6);
        if (fractionEnd != to) {
            throw unsupported(text);
        }
        micros += PgTimes.micros(text, colon + 6, fractionEnd);
        return negative ? -micros : micros;
    }

    private static long parseLong(String text, int from, int to) {
        try {
            return Long.parseLong(text, from, to, 10);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw unsupported(text);
        }
    }

    private static String format(long years, long months, long days, long timeMicros) {
        if (years == 0 && months == 0 && days == 0 && timeMicros == 0) {
            return "PT0S";
        }
        StringBuilder out = new StringBuilder(24).append('P');
        appendField(out, years, 'Y');
        appendField(out, months, 'M');
        appendField(out, days, 'D');
        if (timeMicros != 0) {
            long abs = Math.abs(timeMicros);
            long seconds = abs / PgTimes.MICROS_PER_SECOND;
            String sign = timeMicros < 0 ? "-" : "";
            out.append('T');
            appendField(out, timeMicros < 0 ? -(seconds / 3600) : seconds / 3600, 'H');
            appendField(out, timeMicros < 0 ? -(seconds / 60 % 60) : seconds / 60 % 60, 'M');
            long fraction = abs % PgTimes.MICROS_PER_SECOND;
            if (seconds % 60 != 0 || fraction != 0) {
                out.append(sign).append(seconds % 60);
                appendFraction(out, fraction);
                out.append('S');
            }
        }
        return out.toString();
    }

    private static void appendField(StringBuilder out, long value, char designator) {
        if (value != 0) {
            out.append(value).append(designator);
        }
    }

    /** {@code .5} for 500000 micros: six digits without trailing zeros, nothing for zero. */
    private static void appendFraction(StringBuilder out, long micros) {
        if (micros == 0) {
            return;
        }
        PgTimes.pad(out.append('.'), (int) micros, 6);
        int end = out.length();
        while (out.charAt(end - 1) == '0') {
            end--;
        }
        out.setLength(end);
    }

    private static IllegalArgumentException unsupported(String text) {
        return new IllegalArgumentException("interval '" + text + "' is not in IntervalStyle postgres or iso_8601;"
                + " set IntervalStyle to 'postgres' (the default) for the database or the replication role");
    }
}
