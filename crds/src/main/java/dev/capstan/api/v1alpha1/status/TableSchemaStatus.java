package dev.capstan.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.policy.PendingReview;

/** The current registered schema of one table. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TableSchemaStatus {

    @JsonPropertyDescription("Table as schema.table.")
    private String name;

    @JsonPropertyDescription("Registry subject, <topic>-value.")
    private String subject;

    @JsonPropertyDescription("Version of the subject events are written with.")
    private Integer version;

    @JsonPropertyDescription("Whether the table's current schema is compatible under the policy's compatibility "
            + "level.")
    private Boolean compatible;

    @JsonPropertyDescription("True while the table's events after an incompatible change are held back (policy "
            + "onIncompatible: Pause) until spec.approvals of the policy lists the review's fingerprint.")
    private Boolean held;

    @JsonPropertyDescription("The latest incompatible change of this table: its fingerprint, the changes and when "
            + "it was seen. Set while held (Pause) or after it was published anyway (Alert).")
    private PendingReview review;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public Integer getVersion() {
        return version;
    }

    public void setVersion(Integer version) {
        this.version = version;
    }

    public Boolean getCompatible() {
        return compatible;
    }

    public void setCompatible(Boolean compatible) {
        this.compatible = compatible;
    }

    public Boolean getHeld() {
        return held;
    }

    public void setHeld(Boolean held) {
        this.held = held;
    }

    public PendingReview getReview() {
        return review;
    }

    public void setReview(PendingReview review) {
        this.review = review;
    }
}
