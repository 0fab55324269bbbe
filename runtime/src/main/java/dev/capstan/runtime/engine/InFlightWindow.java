package dev.capstan.runtime.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the records and bytes sent to Kafka but not yet acknowledged. When the window is full the
 * reader waits, so a slow or absent broker pauses reading instead of filling the heap.
 *
 * <p>Thread-safe. {@link #tryAcquire} blocks up to the timeout; {@link #release} never blocks.
 */
public final class InFlightWindow {

    private final int maxRecords;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private int records;
    private long bytes;

    public InFlightWindow(int maxRecords, long maxBytes) {
        if (maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("in-flight limits must be positive");
        }
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /**
     * Takes room for one record of {@code size} bytes, waiting up to {@code timeout}. A record larger
     * than the whole byte window is let through alone, when nothing else is in flight.
     *
     * @return false when the window stayed full for the whole timeout
     */
    public boolean tryAcquire(long size, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!fits(size)) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = freed.awaitNanos(nanos);
            }
            records++;
            bytes += size;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back the room of one acknowledged (or failed) record. */
    public void release(long size) {
        lock.lock();
        try {
            records--;
            bytes -= size;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Records in flight now. */
    public int records() {
        lock.lock();
        try {
            return records;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes in flight now. */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    private boolean fits(long size) {
        if (records == 0) {
            return true;
        }
        return records < maxRecords && bytes + size <= maxBytes;
    }
}
