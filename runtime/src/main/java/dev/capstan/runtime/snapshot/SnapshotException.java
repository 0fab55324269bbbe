package dev.capstan.runtime.snapshot;

/** A snapshot failed in a way retrying will not fix (a table dropped, a privilege revoked). */
public final class SnapshotException extends RuntimeException {

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
