package dev.capstan.runtime.sink.kafka;

/** Kafka refused or could not be reached; the message says what to check. */
public final class SinkException extends RuntimeException {

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
