package dev.capstan.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionHistoryTest {

    @Test
    void onlyTransactionsDeliveredBeforeTheMarkCount() {
        TransactionHistory history = new TransactionHistory(8);
        history.add(100);
        history.add(101);
        long mark = history.mark();
        history.add(102); // delivered inside the window: the window already records its keys

        assertThat(history.deliveredBefore(mark, new long[] {101})).isTrue();
        assertThat(history.deliveredBefore(mark, new long[] {7, 100})).isTrue();
        assertThat(history.deliveredBefore(mark, new long[] {102})).isFalse();
        assertThat(history.deliveredBefore(mark, new long[] {103})).isFalse();
        assertThat(history.deliveredBefore(mark, new long[0])).isFalse();
    }

    @Test
    void theRingKeepsTheLastTransactionsOnly() {
        TransactionHistory history = new TransactionHistory(4);
        for (long id = 1; id <= 10; id++) {
            history.add(id);
        }
        long mark = history.mark();
        assertThat(history.deliveredBefore(mark, new long[] {7})).isTrue();
        assertThat(history.deliveredBefore(mark, new long[] {6})).as("overwritten").isFalse();
        history.add(11);
        history.add(12);
        assertThat(history.deliveredBefore(mark, new long[] {8})).as("overwritten after the mark").isFalse();
        assertThat(history.deliveredBefore(mark, new long[] {10})).isTrue();
        assertThat(history.deliveredBefore(mark, new long[] {11})).isFalse();
    }
}
