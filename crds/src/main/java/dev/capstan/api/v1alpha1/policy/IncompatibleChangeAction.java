package dev.capstan.api.v1alpha1.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a pipeline does when a table change produces an incompatible schema. */
public enum IncompatibleChangeAction {
    /** Stop the pipeline until the change is approved in spec.approvals. */
    @JsonProperty("Pause")
    PAUSE,
    /** Go on, but report SchemaCompatible=False and add a pending review. */
    @JsonProperty("Alert")
    ALERT,
    /** Go on silently. */
    @JsonProperty("Allow")
    ALLOW
}
