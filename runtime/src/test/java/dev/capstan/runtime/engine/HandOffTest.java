package dev.capstan.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HandOffTest {

    @Test
    void runsItemsInOrderOnItsOwnThreadAndGoesOnAfterAFailure() throws Exception {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicReference<String> thread = new AtomicReference<>();
        try (HandOff handOff = new HandOff("test-hand-off", 8, 1 << 20, failure::set)) {
            for (int i = 0; i < 1_000; i++) {
                int n = i;
                handOff.put(() -> {
                    thread.set(Thread.currentThread().getName());
                    if (n == 500) {
                        throw new IllegalStateException("item 500");
                    }
                    ran.add(n);
                }, 10, () -> { });
            }
            handOff.awaitIdle(() -> { });
            assertThat(ran).hasSize(999).isSorted();
            assertThat(failure.get()).hasMessage("item 500");
            assertThat(thread.get()).isEqualTo("test-hand-off");
        }
    }

    @Test
    void aFullHandOffBlocksThePutAndRunsWhileWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger waits = new AtomicInteger();
        try (HandOff handOff = new HandOff("test-hand-off", 1, 100, e -> { })) {
            handOff.put(() -> release.await(), 200, () -> { });
            Thread putter = new Thread(() -> {
                try {
                    handOff.put(() -> { }, 10, waits::incrementAndGet);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            putter.start();
            putter.join(1_500);
            assertThat(putter.isAlive()).as("put waits while more than maxBytes are held").isTrue();
            assertThat(waits.get()).as("whileWaiting ran").isPositive();
            release.countDown();
            putter.join(TimeUnit.SECONDS.toMillis(5));
            assertThat(putter.isAlive()).isFalse();
        }
    }
}
