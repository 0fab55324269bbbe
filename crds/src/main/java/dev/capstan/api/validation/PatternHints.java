package dev.capstan.api.validation;

import dev.capstan.api.v1alpha1.Patterns;
import java.util.Map;

/** Says in words what the model's regular expressions mean, for validation messages. */
final class PatternHints {

    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry(Patterns.K8S_NAME, "a Kubernetes name (lower-case letters, digits, '-' and '.')"),
            Map.entry(Patterns.K8S_LABEL, "lower-case letters, digits and '-', starting and ending with a letter or "
                    + "digit"),
            Map.entry(Patterns.PG_OBJECT_NAME, "1 to 63 lower-case letters, digits or '_'"),
            Map.entry(Patterns.TABLE_NAME, "a table as schema.table, e.g. public.bookings"),
            Map.entry(Patterns.COLUMN_NAME, "a column name (letters, digits, '_', '$')"),
            Map.entry(Patterns.DURATION, "a duration such as 500ms, 10s, 5m or 1h30m"),
            Map.entry(Patterns.BYTE_QUANTITY, "a quantity of bytes such as 512Mi or 10Gi"),
            Map.entry(Patterns.BOOTSTRAP_SERVERS, "a comma-separated list of host:port"),
            Map.entry(Patterns.TOPIC_PREFIX, "letters, digits, '.', '_' or '-' (at most 200)"),
            Map.entry(Patterns.HTTP_URL, "an http:// or https:// URL"),
            Map.entry(Patterns.FINGERPRINT, "a lower-case hexadecimal fingerprint"));

    private PatternHints() {
    }

    static String describe(String pattern) {
        String hint = HINTS.get(pattern);
        return hint == null ? "must match " + pattern : "must be " + hint + " (pattern " + pattern + ")";
    }
}
