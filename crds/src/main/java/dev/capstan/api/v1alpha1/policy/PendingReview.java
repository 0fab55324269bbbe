package dev.capstan.api.v1alpha1.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** An incompatible schema change waiting for a human decision. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PendingReview {

    @JsonPropertyDescription("Name of the CdcPipeline whose table changed.")
    private String pipeline;

    @JsonPropertyDescription("Table as schema.table.")
    private String table;

    @JsonPropertyDescription("Fingerprint of the new schema; copy it into spec.approvals to let it through.")
    private String fingerprint;

    @JsonPropertyDescription("The incompatible changes, e.g. \"amount: long -> int (narrowing)\".")
    private List<String> changes;

    @JsonPropertyDescription("When the change was detected (RFC 3339).")
    private String detectedAt;

    public String getPipeline() {
        return pipeline;
    }

    public void setPipeline(String pipeline) {
        this.pipeline = pipeline;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    public List<String> getChanges() {
        return changes;
    }

    public void setChanges(List<String> changes) {
        this.changes = changes;
    }

    public String getDetectedAt() {
        return detectedAt;
    }

    public void setDetectedAt(String detectedAt) {
        this.detectedAt = detectedAt;
    }
}
