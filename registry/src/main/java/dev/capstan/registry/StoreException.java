package dev.capstan.registry;

/** Kafka failed a read or write of the registry's topic (unreachable, timed out, refused). */
final class StoreException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
