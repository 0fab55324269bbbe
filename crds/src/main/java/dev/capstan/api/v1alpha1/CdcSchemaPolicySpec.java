package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.policy.IncompatibleChangeAction;
import dev.capstan.api.v1alpha1.policy.SchemaApproval;
import dev.capstan.api.v1alpha1.policy.SchemaCompatibility;
import dev.capstan.api.v1alpha1.policy.SchemaRegistrySpec;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** The desired state of a {@link CdcSchemaPolicy}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CdcSchemaPolicySpec {

    @Default("BACKWARD")
    @JsonPropertyDescription("Compatibility level set on the registry subjects of the pipelines using this policy: "
            + "NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE. "
            + "Default BACKWARD.")
    private SchemaCompatibility compatibility = SchemaCompatibility.BACKWARD;

    @Default("Pause")
    @JsonPropertyDescription("What a pipeline does when a table change produces an incompatible schema: Pause stops "
            + "it until the change is approved, Alert publishes under a new subject version anyway and reports "
            + "SchemaCompatible=False, Allow publishes silently. Default Pause.")
    private IncompatibleChangeAction onIncompatible = IncompatibleChangeAction.PAUSE;

    @Required
    @JsonPropertyDescription("The Confluent-compatible schema registry.")
    private SchemaRegistrySpec registry;

    @JsonPropertyDescription("Human approvals, each letting one incompatible schema (by fingerprint) of one table of "
            + "one pipeline through. Copy them from status.pendingReviews.")
    private List<SchemaApproval> approvals;

    public SchemaCompatibility getCompatibility() {
        return compatibility;
    }

    public void setCompatibility(SchemaCompatibility compatibility) {
        this.compatibility = compatibility;
    }

    public IncompatibleChangeAction getOnIncompatible() {
        return onIncompatible;
    }

    public void setOnIncompatible(IncompatibleChangeAction onIncompatible) {
        this.onIncompatible = onIncompatible;
    }

    public SchemaRegistrySpec getRegistry() {
        return registry;
    }

    public void setRegistry(SchemaRegistrySpec registry) {
        this.registry = registry;
    }

    public List<SchemaApproval> getApprovals() {
        return approvals;
    }

    public void setApprovals(List<SchemaApproval> approvals) {
        this.approvals = approvals;
    }
}
