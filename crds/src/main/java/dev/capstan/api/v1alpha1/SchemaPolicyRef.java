package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A reference to a {@link CdcSchemaPolicy} in the namespace of the pipeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SchemaPolicyRef {

    @Required
    @Pattern(Patterns.K8S_NAME)
    @Size(max = 253)
    @JsonPropertyDescription("Name of a CdcSchemaPolicy in the same namespace as the pipeline.")
    private String name;

    public SchemaPolicyRef() {
    }

    public SchemaPolicyRef(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
