package dev.capstan.runtime.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work items, in the order they were handed over, on one thread of its own: the stream thread
 * decodes while this thread encodes and sends. Bounded by count and by an estimate of the bytes the
 * waiting items hold, so memory stays bounded; {@link #put} blocks while it is full and runs
 * {@code whileWaiting} about once a second. A failing item is reported to {@code onFailure} and the thread
 * goes on (the source stops at its next tick).
 */
final class HandOff implements AutoCloseable {

    /** A unit of work and the bytes it holds until it ran. */
    interface Item {
        void run() throws Exception;
    }

    private record Queued(Item item, long bytes) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(HandOff.class);
    /** Items taken from the queue at a time. */
    private static final int RUN = 256;
    private static final Queued STOP = new Queued(() -> { }, 0);
    private final BlockingQueue<Queued> queue;
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();
    /** Items handed over and not yet run. */
    private final AtomicLong pending = new AtomicLong();
    private final java.util.function.Consumer<Exception> onFailure;
    private final Thread thread;

    HandOff(String name, int maxItems, long maxBytes, java.util.function.Consumer<Exception> onFailure) {
        this.queue = new ArrayBlockingQueue<>(maxItems);
        this.maxBytes = maxBytes;
        this.onFailure = onFailure;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Hands {@code item} over; blocks while {@code maxItems} items or {@code maxBytes} bytes wait. */
    void put(Item item, long size, Runnable whileWaiting) throws InterruptedException {
        long waited = System.nanoTime();
        while (bytes.get() > maxBytes) {
            Thread.sleep(1);
            if (System.nanoTime() - waited > 1_000_000_000L) {
                whileWaiting.run();
                waited = System.nanoTime();
            }
        }
        Queued queued = new Queued(item, size);
        bytes.addAndGet(size);
        pending.incrementAndGet();
        while (!queue.offer(queued, 100, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() - waited > 1_000_000_000L) {
                whileWaiting.run();
                waited = System.nanoTime();
            }
        }
    }

    /**
     * Waits until every item handed over has run, running {@code whileWaiting} about once a second. Afterwards,
     * until the next {@link #put}, the caller may do the thread's work itself: nothing runs concurrently.
     */
    void awaitIdle(Runnable whileWaiting) throws InterruptedException {
        long waited = System.nanoTime();
        while (pending.get() > 0) {
            Thread.sleep(0, 200_000);
            if (System.nanoTime() - waited > 1_000_000_000L) {
                whileWaiting.run();
                waited = System.nanoTime();
            }
        }
    }

    /**
     * Takes the items in runs (up to {@link #RUN} at a time), so a busy queue is locked once per run, not per
     * item. The items of a run still count towards the byte bound until each has run.
     */
    private void loop() {
        List<Queued> run = new ArrayList<>(RUN);
        try {
            while (true) {
                run.add(queue.take());
                queue.drainTo(run, RUN - 1);
                for (Queued queued : run) {
                    if (queued == STOP || !run(queued)) {
                        return;
                    }
                }
                run.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one item; false when the thread was interrupted. */
    private boolean run(Queued queued) {
        try {
            queued.item().run();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.debug("Hand-off item failed", e);
            onFailure.accept(e);
            return true;
        } finally {
            bytes.addAndGet(-queued.bytes());
            pending.decrementAndGet();
        }
    }

    /** Runs what was handed over so far, then ends the thread (waits up to 10 s). */
    @Override
    public void close() {
        try {
            if (queue.offer(STOP, 10, TimeUnit.SECONDS)) {
                thread.join(10_000);
            } else {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }
}
