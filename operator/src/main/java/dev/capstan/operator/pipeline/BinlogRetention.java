package dev.capstan.operator.pipeline;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * How long a MySQL or MariaDB server keeps binlog files by age: {@code binlog_expire_logs_seconds} (MySQL 8,
 * MariaDB 10.6+), else {@code expire_logs_days} (older servers, or MySQL 8 when only that one is set). No slot holds
 * the binlog for a reader, so this is what decides whether a paused pipeline's position survives.
 *
 * @param variable the server variable in effect
 * @param value    its value as the server prints it
 * @param seconds  the retention in seconds; 0: never purged by age
 */
record BinlogRetention(String variable, String value, long seconds) {

    static final String SECONDS = "binlog_expire_logs_seconds";
    static final String DAYS = "expire_logs_days";

    /** From the server's global variables ({@value #SECONDS} and {@value #DAYS}, either may be absent). */
    static BinlogRetention of(Map<String, String> variables) {
        String seconds = variables.get(SECONDS);
        String days = variables.get(DAYS);
        long fromDays = days == null ? 0 : new BigDecimal(days).multiply(BigDecimal.valueOf(86_400)).longValue();
        if (seconds != null && (Long.parseLong(seconds) > 0 || fromDays == 0)) {
            return new BinlogRetention(SECONDS, seconds, Long.parseLong(seconds));
        }
        if (days != null) {
            return new BinlogRetention(DAYS, days, fromDays);
        }
        return new BinlogRetention(SECONDS, "unknown", 0);
    }

    /** E.g. {@code binlog_expire_logs_seconds=864000 (10 days)}, or {@code ...=0 (never purged by age)}. */
    String setting() {
        return variable + "=" + value + " (" + (seconds == 0 ? "never purged by age" : readable()) + ")";
    }

    /** What a pause risks, for the Paused condition. */
    String whilePaused() {
        if (seconds == 0) {
            return "the server keeps binlog files only per its own expire settings, and " + setting()
                    + " means the binlog keeps growing until purged by hand or by size limits";
        }
        return "the server keeps binlog files only per its own expire settings: " + setting() + "; paused longer "
                + "than that, the binlog position the pipeline stored may be purged and the pipeline then needs a new "
                + "snapshot";
    }

    private String readable() {
        if (seconds >= 86_400) {
            return number(seconds / 86_400.0) + " days";
        }
        return seconds >= 3_600 ? number(seconds / 3_600.0) + " hours" : seconds + " seconds";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
