package dev.capstan.demo;

import dev.capstan.api.v1alpha1.status.ReplicationSlotStatus;
import dev.capstan.runtime.engine.Pipeline;
import java.io.PrintStream;

/** Prints one status line a second: events/s, lag, slot retained bytes, total published. */
final class StatusLine implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;

    private StatusLine(Pipeline pipeline, PrintStream out) {
        thread = new Thread(() -> print(pipeline, out), "demo-status");
        thread.setDaemon(true);
        thread.start();
    }

    static StatusLine start(Pipeline pipeline, PrintStream out) {
        return new StatusLine(pipeline, out);
    }

    private void print(Pipeline pipeline, PrintStream out) {
        long last = pipeline.stats().eventsPublished();
        long lastTime = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long total = pipeline.stats().eventsPublished();
            double rate = (total - last) * 1e9 / (now - lastTime);
            last = total;
            lastTime = now;
            ReplicationSlotStatus slot = pipeline.state().slot();
            out.printf("[status] %-9s %8.0f events/s | lag %5d ms | slot %s retains %,d bytes | %,d events published%n",
                    pipeline.state().state(), rate, pipeline.stats().millisBehindSource(),
                    slot == null ? "-" : slot.getName(), slot == null ? 0 : slot.getRetainedWalBytes(), total);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
