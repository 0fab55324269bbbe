package dev.capstan.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Lifecycle phase of a pipeline, shown in the Phase printer column. */
public enum PipelinePhase {
    /** Accepted; database, Kafka or the runtime pod are being prepared. */
    @JsonProperty("Pending")
    PENDING,
    /** Reading existing rows (initial snapshot or a re-snapshot request). */
    @JsonProperty("Snapshotting")
    SNAPSHOTTING,
    /** Streaming committed changes. */
    @JsonProperty("Streaming")
    STREAMING,
    /** spec.paused is true, or an incompatible schema change waits for approval. */
    @JsonProperty("Paused")
    PAUSED,
    /** Running, but a threshold or a health condition is violated (lag, slot size, lost connection). */
    @JsonProperty("Degraded")
    DEGRADED,
    /** Stopped on an error that needs a change by the user. */
    @JsonProperty("Failed")
    FAILED
}
