package dev.capstan.api.v1alpha1.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a pipeline does when a table change produces an incompatible schema. */
public enum IncompatibleChangeAction {
    /** Stop the pipeline until the change is approved in spec.approvals. */
    @JsonProperty("Pause")
    PAUSE,
    /**
     * Go on, but report SchemaCompatible=False with the change's review in the pipeline's status until an
     * approval with its fingerprint acknowledges it (or a compatible schema follows).
     */
    @JsonProperty("Alert")
    ALERT,
    /** Go on silently. */
    @JsonProperty("Allow")
    ALLOW
}
