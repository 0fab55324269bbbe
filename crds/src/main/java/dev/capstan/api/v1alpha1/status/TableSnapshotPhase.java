package dev.capstan.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Snapshot phase of one table. */
public enum TableSnapshotPhase {
    @JsonProperty("Pending")
    PENDING,
    @JsonProperty("Running")
    RUNNING,
    @JsonProperty("Done")
    DONE,
    @JsonProperty("Failed")
    FAILED
}
