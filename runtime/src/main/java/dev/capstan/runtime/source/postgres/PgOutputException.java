package dev.capstan.runtime.source.postgres;

/**
 * The replication stream sent bytes that are not a pgoutput message Capstan can decode: a
 * truncated message, an unknown message type, or a message that needs a slot option Capstan
 * does not use (streaming of in-progress transactions, two-phase commit). Retrying reads the
 * same bytes again, so this is fatal for the pipeline.
 *
 * <p>Immutable and thread-safe.
 */
public final class PgOutputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message saying what was received and what to check. */
    public PgOutputException(String message) {
        super(message);
    }

    /** An error caused by {@code cause}, for example a buffer underflow. */
    public PgOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
