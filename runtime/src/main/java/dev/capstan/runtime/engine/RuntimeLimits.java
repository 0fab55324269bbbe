package dev.capstan.runtime.engine;

/**
 * Memory bounds of a running pipeline.
 *
 * @param maxInFlightRecords records sent to Kafka and not acknowledged yet, at most
 * @param maxInFlightBytes   bytes of those records, at most
 */
public record RuntimeLimits(int maxInFlightRecords, long maxInFlightBytes) {

    /** 20,000 records / 32 MiB: enough to keep Kafka busy, small enough for a 256 MiB heap. */
    public static RuntimeLimits defaults() {
        return new RuntimeLimits(20_000, 32L * 1024 * 1024);
    }
}
