package dev.capstan.operator.pipeline;

import java.util.List;

/**
 * Something the user must fix (or wait for), with the condition reason and a message that names the
 * field and what to do. Never carries a secret value.
 */
final class Problem extends Exception {

    private final String reason;

    Problem(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    Problem(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }

    /**
     * Several findings as one: the reason of the first, the messages after {@code prefix}, joined by "; ", so the
     * user can fix them all at once.
     */
    static Problem combine(String prefix, List<Problem> problems) {
        List<String> messages = problems.stream().map(Problem::getMessage).toList();
        return new Problem(problems.get(0).reason(), prefix + String.join("; ", messages));
    }
}
