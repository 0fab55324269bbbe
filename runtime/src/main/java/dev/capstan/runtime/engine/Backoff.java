package dev.capstan.runtime.engine;

/** Exponential backoff with a cap: 0.5 s, 1 s, 2 s ... up to 30 s. Not thread-safe. */
public final class Backoff {

    private static final long FIRST = 500;
    private static final long MAX = 30_000;
    private long next = FIRST;

    /** The delay before the next attempt, doubling each call up to the cap. */
    public long nextDelayMillis() {
        long delay = next;
        next = Math.min(MAX, next * 2);
        return delay;
    }

    /** After a success: start again from the shortest delay. */
    public void reset() {
        next = FIRST;
    }
}
