package dev.capstan.runtime.event;

import java.util.Map;

/**
 * A BEGIN or END record on {@code <prefix>.transaction}, as Debezium writes it.
 *
 * @param status          {@code BEGIN} or {@code END}
 * @param id              the transaction id, as in {@link TransactionRef#id()}
 * @param tsMs            commit time, epoch milliseconds
 * @param eventCount      events in the transaction (END only, else 0)
 * @param perTableCounts  events per table (END only, else empty), in first-seen order
 */
public record TransactionMarker(String status, String id, long tsMs, long eventCount,
                                Map<TableId, Long> perTableCounts) {

    public static TransactionMarker begin(String id, long tsMs) {
        return new TransactionMarker("BEGIN", id, tsMs, 0, Map.of());
    }

    public static TransactionMarker end(String id, long tsMs, long eventCount, Map<TableId, Long> counts) {
        return new TransactionMarker("END", id, tsMs, eventCount, counts);
    }

    public boolean isBegin() {
        return "BEGIN".equals(status);
    }
}
