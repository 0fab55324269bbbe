package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens to the database-side objects (replication slot, publication) when a pipeline is deleted. */
public enum DeletionPolicy {
    /** Drop the replication slot and the publication. */
    @JsonProperty("Delete")
    DELETE,
    /** Keep the replication slot and the publication. */
    @JsonProperty("Retain")
    RETAIN
}
