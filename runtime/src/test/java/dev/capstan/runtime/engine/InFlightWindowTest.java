package dev.capstan.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightWindowTest {

    @Test
    void fullWindowWaitsUntilRelease() throws Exception {
        InFlightWindow window = new InFlightWindow(2, 1000);
        assertThat(window.tryAcquire(10, 0, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(window.tryAcquire(10, 0, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(window.tryAcquire(10, 50, TimeUnit.MILLISECONDS)).as("record limit").isFalse();
        new Thread(() -> window.release(10)).start();
        assertThat(window.tryAcquire(10, 5, TimeUnit.SECONDS)).isTrue();
        assertThat(window.records()).isEqualTo(2);
    }

    @Test
    void byteLimitHoldsButOneHugeRecordPassesAlone() throws Exception {
        InFlightWindow window = new InFlightWindow(100, 100);
        assertThat(window.tryAcquire(500, 0, TimeUnit.MILLISECONDS)).as("alone").isTrue();
        assertThat(window.tryAcquire(1, 0, TimeUnit.MILLISECONDS)).as("byte limit").isFalse();
        window.release(500);
        assertThat(window.tryAcquire(60, 0, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(window.tryAcquire(60, 0, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(window.bytes()).isEqualTo(60);
    }

    /**
     * Releases come from another thread while the sender waits on a full window, one record at a time: no
     * wake-up is lost (a lost one would hold the sender for its whole 30-second timeout).
     */
    @Test
    void noReleaseIsMissedByAWaitingSender() throws Exception {
        InFlightWindow window = new InFlightWindow(1, 1_000_000);
        java.util.concurrent.BlockingQueue<Long> sent = new java.util.concurrent.ArrayBlockingQueue<>(1);
        Thread acks = new Thread(() -> {
            try {
                for (int i = 0; i < 20_000; i++) {
                    window.release(sent.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        acks.start();
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            assertThat(window.tryAcquire(10, 30, TimeUnit.SECONDS)).isTrue();
            sent.put(10L);
        }
        acks.join(30_000);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(25));
        assertThat(window.records()).isZero();
        assertThat(window.bytes()).isZero();
    }
}
