package dev.capstan.runtime.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Kubernetes-style durations such as {@code 10s}, {@code 1m30s}, {@code 250ms}, {@code 2h}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    /**
     * @param field the spec field, for the error message
     * @throws ConfigException when {@code text} is not a duration
     */
    public static Duration parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(field + ": a duration is required, for example 10s or 5m");
        }
        Matcher m = PART.matcher(text.trim());
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end != text.trim().length() || end == 0) {
            throw new ConfigException(field + ": '" + text + "' is not a duration; write it like 10s, 5m, 1h30m or 250ms");
        }
        return total;
    }
}
