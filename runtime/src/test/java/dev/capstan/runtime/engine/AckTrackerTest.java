package dev.capstan.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AckTrackerTest {

    private final AckTracker<Long> tracker = new AckTracker<>();

    @Test
    void positionAdvancesOnlyWhenEveryOlderBatchIsAcked() {
        AckTracker.Batch<Long> first = tracker.open();
        first.sent();
        first.sent();
        tracker.seal(first, 10L);
        AckTracker.Batch<Long> second = tracker.open();
        second.sent();
        tracker.seal(second, 20L);

        second.acked();
        assertThat(tracker.completedPosition()).as("second acked before first").isEmpty();
        first.acked();
        assertThat(tracker.completedPosition()).isEmpty();
        first.acked();
        assertThat(tracker.completedPosition()).contains(20L);
        assertThat(tracker.idle()).isTrue();
    }

    @Test
    void unsealedBatchHoldsBackItsPosition() {
        AckTracker.Batch<Long> open = tracker.open();
        open.sent();
        open.acked();
        assertThat(tracker.completedPosition()).isEmpty();
        assertThat(tracker.idle()).isFalse();
        tracker.dropUnsealed();
        assertThat(tracker.idle()).isTrue();
    }

    @Test
    void emptySealedBatchCompletesAtOnce() {
        tracker.seal(tracker.open(), 5L);
        assertThat(tracker.completedPosition()).contains(5L);
        assertThat(tracker.completedPosition()).isEmpty();
    }

    @Test
    void firstFailureIsKept() {
        tracker.failed(new IllegalStateException("first"));
        tracker.failed(new IllegalStateException("second"));
        assertThat(tracker.failure()).get().extracting(Throwable::getMessage).isEqualTo("first");
    }
}
