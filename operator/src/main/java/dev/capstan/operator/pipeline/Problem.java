package dev.capstan.operator.pipeline;

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
}
