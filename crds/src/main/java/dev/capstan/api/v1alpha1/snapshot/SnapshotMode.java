package dev.capstan.api.v1alpha1.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When the initial snapshot runs. */
public enum SnapshotMode {
    /** Snapshot the tables, then stream. */
    @JsonProperty("initial")
    INITIAL,
    /** No snapshot: stream from the current position only. */
    @JsonProperty("never")
    NEVER,
    /** Snapshot, then stop without streaming. */
    @JsonProperty("initial_only")
    INITIAL_ONLY
}
