package dev.capstan.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The status of a {@link Condition}. */
public enum ConditionStatus {
    @JsonProperty("True")
    TRUE,
    @JsonProperty("False")
    FALSE,
    @JsonProperty("Unknown")
    UNKNOWN
}
