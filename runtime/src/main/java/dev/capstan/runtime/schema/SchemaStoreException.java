package dev.capstan.runtime.schema;

/** The schema store failed; {@link #retriable()} when trying again later may work (I/O, HTTP 5xx). */
public final class SchemaStoreException extends Exception {

    private final boolean retriable;

    public SchemaStoreException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
