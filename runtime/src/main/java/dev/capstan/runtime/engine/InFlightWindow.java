package dev.capstan.runtime.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the records and bytes sent to Kafka but not yet acknowledged. When the window is full the
 * reader waits, so a slow or absent broker pauses reading instead of filling the heap.
 *
 * <p>Thread-safe. {@link #tryAcquire} blocks up to the timeout; {@link #release} never blocks. Releases
 * come from the producer's I/O thread once per record, so they only count down; they take the lock to wake a
 * sender only when one waits (a sender announces itself before it checks the room one last time, so a
 * release between that check and its wait still wakes it).
 */
public final class InFlightWindow {

    private final int maxRecords;
    private final long maxBytes;
    private final AtomicInteger records = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private volatile int waiting;

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
        lock.lock(); // one sender at a time, so the check and the increment below cannot interleave
        try {
            if (fits(size)) {
                take(size);
                return true;
            }
            long nanos = unit.toNanos(timeout);
            waiting++;
            try {
                while (!fits(size)) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = freed.awaitNanos(nanos);
                }
            } finally {
                waiting--;
            }
            take(size);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back the room of one acknowledged (or failed) record. */
    public void release(long size) {
        bytes.addAndGet(-size);
        records.decrementAndGet();
        if (waiting > 0) {
            lock.lock();
            try {
                freed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Records in flight now. */
    public int records() {
        return records.get();
    }

    /** Bytes in flight now. */
    public long bytes() {
        return bytes.get();
    }

    private void take(long size) {
        bytes.addAndGet(size);
        records.incrementAndGet();
    }

    private boolean fits(long size) {
        int r = records.get();
        if (r == 0) {
            return true;
        }
        return r < maxRecords && bytes.get() + size <= maxBytes;
    }
}
