package dev.capstan.testing;

/**
 * What the local test servers share: {@link #restart()} and an idempotent {@link #close()} that stops the
 * server and lets its {@link OrphanGuard} delete the scratch directory. A closed server cannot start again.
 *
 * <p>Subclasses synchronize their lifecycle methods on {@code this}, as these do.
 *
 * @param <S> the server type, returned by {@link #start()}
 */
public abstract class LocalServer<S extends LocalServer<S>> implements AutoCloseable {

    private OrphanGuard guard;
    private boolean closed;

    /** Starts the server, or starts it again on the same port with the same data; returns it when it serves. */
    public abstract S start();

    /** Stops the server and keeps its data and port for {@link #start()}; a no-op when stopped. */
    public abstract void stop();

    /** {@link #stop()} then {@link #start()}: same port, same data. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Stops the server and deletes its directory (in the background). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            if (guard != null) {
                guard.release();
            }
        }
    }

    /** For {@link #start()}: fails once the server was closed. */
    protected final void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("closed: " + this);
        }
    }

    /** For {@link #start()}: the guard that cleans up after a killed JVM, set once at the first start. */
    final void guardedBy(OrphanGuard orphanGuard) {
        this.guard = orphanGuard;
    }
}
