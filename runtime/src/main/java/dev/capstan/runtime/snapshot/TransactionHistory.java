package dev.capstan.runtime.snapshot;

/**
 * The ids of the last transactions the stream delivered, in stream order, in a fixed ring (bounded memory).
 * A chunk's window remembers the {@link #mark} at its low watermark; at its high watermark
 * {@link #deliveredBefore} tells whether any transaction the read could not see had already been delivered
 * before the window opened. Stream thread only.
 */
final class TransactionHistory {

    private final long[] ring;
    private long count;

    TransactionHistory(int capacity) {
        this.ring = new long[capacity];
    }

    void add(long id) {
        ring[(int) (count % ring.length)] = id;
        count++;
    }

    /** The position after the last transaction delivered so far. */
    long mark() {
        return count;
    }

    /**
     * Whether one of {@code ids} was delivered before {@code mark}, among the transactions still in the ring
     * (the ring holds the last transactions; one delivered long before the read began cannot be in progress
     * for it).
     */
    boolean deliveredBefore(long mark, long[] ids) {
        if (ids.length == 0) {
            return false;
        }
        long oldest = Math.max(0, count - ring.length);
        for (long position = mark - 1; position >= oldest; position--) {
            long id = ring[(int) (position % ring.length)];
            for (long candidate : ids) {
                if (candidate == id) {
                    return true;
                }
            }
        }
        return false;
    }
}
