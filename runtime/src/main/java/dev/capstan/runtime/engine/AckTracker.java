package dev.capstan.runtime.engine;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Knows up to which source position Kafka has acknowledged everything.
 *
 * <p>The reader opens a {@link Batch} per source transaction, counts each record it sends into it,
 * and seals it with the position to acknowledge once all of them are acked. Kafka callbacks call
 * {@link Batch#acked()}. {@link #completedPosition()} returns the position of the newest batch such
 * that it and every older batch are sealed and fully acknowledged: the only position that is safe
 * to confirm to the source.
 *
 * <p>Thread-safety: {@link #open()}, {@link #seal}, {@link #completedPosition()} are called by the
 * one reader thread; {@link Batch#acked()} and {@link #failed} from any thread.
 *
 * @param <P> the source position type (for example {@code PgLsn})
 */
public final class AckTracker<P> {

    private final ArrayDeque<Batch<P>> open = new ArrayDeque<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** Starts a batch for the next source transaction (reader thread). */
    public Batch<P> open() {
        Batch<P> batch = new Batch<>();
        open.addLast(batch);
        return batch;
    }

    /** Closes a batch: once all its records are acked, {@code position} may be confirmed. */
    public void seal(Batch<P> batch, P position) {
        batch.position = position;
    }

    /**
     * Removes the fully acknowledged batches at the head and returns the newest position among them,
     * or empty when the head batch is still waiting. Reader thread only.
     */
    public Optional<P> completedPosition() {
        P done = null;
        while (!open.isEmpty()) {
            Batch<P> head = open.peekFirst();
            if (head.position == null || head.pending.get() > 0) {
                break;
            }
            done = head.position;
            open.pollFirst();
        }
        return Optional.ofNullable(done);
    }

    /**
     * True when no batch is open: call after {@link #completedPosition()}, which removes the
     * completed ones.
     */
    public boolean idle() {
        return open.isEmpty();
    }

    /**
     * Forgets the batches that were never sealed (a transaction cut short by a stop); their
     * records do not count towards any position. Reader thread only.
     */
    public void dropUnsealed() {
        open.removeIf(b -> b.position == null);
    }

    /** Records the first failure from Kafka; the reader stops without acknowledging past it. */
    public void failed(Exception e) {
        failure.compareAndSet(null, e);
    }

    /** The first send failure, if any. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Drops every open batch and the recorded failure; used when the source reconnects and replays
     * from its confirmed position, which sends the failed records again.
     */
    public void reset() {
        open.clear();
        failure.set(null);
    }

    /** Records of one source transaction, counted until Kafka acknowledged them. */
    public static final class Batch<P> {
        private final AtomicInteger pending = new AtomicInteger();
        private volatile P position;

        /** Counts one more record sent (reader thread). */
        public void sent() {
            pending.incrementAndGet();
        }

        /** Kafka acknowledged one record (any thread). */
        public void acked() {
            pending.decrementAndGet();
        }

        /** Sealed, and Kafka acknowledged every record of it. */
        public boolean acknowledged() {
            return position != null && pending.get() == 0;
        }
    }
}
