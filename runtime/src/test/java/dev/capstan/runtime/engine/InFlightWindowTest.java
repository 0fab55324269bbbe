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
}
