package dev.capstan.runtime.event;

/** The {@code op} of a change event, with Debezium's codes. */
public enum Operation {
    CREATE("c"),
    UPDATE("u"),
    DELETE("d"),
    READ("r"),
    TRUNCATE("t");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    /** The one-letter code written to the event's {@code op} field. */
    public String code() {
        return code;
    }
}
