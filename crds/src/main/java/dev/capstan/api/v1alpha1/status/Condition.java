package dev.capstan.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * One condition of a status (as Kubernetes' metav1.Condition). Conditions form a list-map keyed by {@code type}, so
 * the operator and the runtime can each own their own conditions with server-side apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

    @Required
    @Pattern("^[A-Z][A-Za-z0-9]*$")
    @Size(max = 316)
    @JsonPropertyDescription("Condition type in CamelCase, e.g. Ready, SourceConnected, SinkConnected, Snapshotting, "
            + "SlotHealthy, SchemaCompatible, Paused. Unique within the list.")
    private String type;

    @Required
    @JsonPropertyDescription("\"True\", \"False\" or \"Unknown\".")
    private ConditionStatus status;

    @Size(max = 1024)
    @JsonPropertyDescription("Machine-readable reason for the last transition, in CamelCase.")
    private String reason;

    @Size(max = 32768)
    @JsonPropertyDescription("Human-readable detail; when something failed, what to do about it.")
    private String message;

    @JsonPropertyDescription("When the status last changed (RFC 3339), unchanged while the status stays the same.")
    private String lastTransitionTime;

    @JsonPropertyDescription("The metadata.generation this condition was computed from.")
    private Long observedGeneration;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public ConditionStatus getStatus() {
        return status;
    }

    public void setStatus(ConditionStatus status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }
}
