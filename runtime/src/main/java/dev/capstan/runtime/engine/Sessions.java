package dev.capstan.runtime.engine;

import dev.capstan.runtime.status.SourceState;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a source's streaming sessions until told to stop: a session that fails with a retriable error (the
 * connection dropped, the server restarts) is started again after a backoff, from the last confirmed
 * position; a session that streamed for a while starts the backoff from the beginning again. Anything else
 * stops the pipeline.
 */
public final class Sessions {

    /** One streaming session: returns when {@code running} turned false, throws when it failed. */
    @FunctionalInterface
    public interface Session {
        void run() throws Exception;
    }

    /** A source's own answer to a failure: true when it handled it and the next session may start at once. */
    @FunctionalInterface
    public interface Recovery {
        boolean recovered(Exception e) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    /** A session that streamed this long before failing starts the backoff from the beginning again. */
    private static final long HEALTHY_SESSION_MILLIS = 30_000;

    private Sessions() {
    }

    public static void run(Session session, BooleanSupplier running, SourceState state, Recovery recovery)
            throws Exception {
        Backoff backoff = new Backoff();
        while (running.getAsBoolean()) {
            long started = System.currentTimeMillis();
            try {
                session.run();
            } catch (Exception e) {
                if (running.getAsBoolean() && recovery.recovered(e)) {
                    continue;
                }
                if (!ErrorClassifier.isRetriable(e) || !running.getAsBoolean()) {
                    throw e;
                }
                if (System.currentTimeMillis() - started > HEALTHY_SESSION_MILLIS) {
                    backoff.reset();
                }
                long delay = backoff.nextDelayMillis();
                state.state("Retrying", "Streaming interrupted: " + e.getMessage() + "; resuming from the last "
                        + "confirmed position in " + delay + " ms");
                LOG.warn("Streaming interrupted ({}); resuming from the last confirmed position in {} ms",
                        e.getMessage(), delay);
                sleep(delay, running);
            }
        }
    }

    private static void sleep(long millis, BooleanSupplier running) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (running.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }
}
