package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.crd.SchemaPatch;
import dev.capstan.api.v1alpha1.policy.PendingReview;
import dev.capstan.api.v1alpha1.status.Condition;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.List;

/** The observed state of a {@link CdcSchemaPolicy}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaPatch.class, input = SchemaPatch.CONDITIONS_LIST_MAP)
public class CdcSchemaPolicyStatus {

    @JsonPropertyDescription("The metadata.generation of the spec the operator last acted on.")
    private Long observedGeneration;

    @JsonPropertyDescription("Current conditions, one per type (Ready: the registry is reachable).")
    private List<Condition> conditions;

    @JsonPropertyDescription("Names of the CdcPipelines (same namespace) that reference this policy.")
    private List<String> pipelines;

    @JsonPropertyDescription("Incompatible schema changes waiting for a human decision; approve one by copying "
            + "pipeline, table and fingerprint into spec.approvals.")
    private List<PendingReview> pendingReviews;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public List<String> getPipelines() {
        return pipelines;
    }

    public void setPipelines(List<String> pipelines) {
        this.pipelines = pipelines;
    }

    public List<PendingReview> getPendingReviews() {
        return pendingReviews;
    }

    public void setPendingReviews(List<PendingReview> pendingReviews) {
        this.pendingReviews = pendingReviews;
    }
}
