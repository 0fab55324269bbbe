package dev.capstan.api.v1alpha1.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A human approval of one incompatible schema of one table of one pipeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SchemaApproval {

    @Required
    @Pattern(Patterns.K8S_NAME)
    @Size(max = 253)
    @JsonPropertyDescription("Name of the CdcPipeline (same namespace).")
    private String pipeline;

    @Required
    @Pattern(Patterns.TABLE_NAME)
    @JsonPropertyDescription("Table as schema.table.")
    private String table;

    @Required
    @Pattern(Patterns.FINGERPRINT)
    @JsonPropertyDescription("Fingerprint of the approved schema, as shown in status.pendingReviews.")
    private String fingerprint;

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
}
