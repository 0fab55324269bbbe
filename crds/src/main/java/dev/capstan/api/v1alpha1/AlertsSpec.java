package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.crd.SchemaPatch;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Quantity;

/** Thresholds above which a pipeline is Degraded; also exported for alerting rules. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// the generator drops @Pattern on a Quantity (an int-or-string), so the pattern is patched in
@SchemaCustomizer(value = SchemaPatch.class, input = "{\"properties\":{\"maxSlotRetainedBytes\":{\"pattern\":\""
        + Patterns.BYTE_QUANTITY + "\"}}}")
public class AlertsSpec {

    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("Largest acceptable lag between a commit in the source and its acknowledgement by Kafka, "
            + "as a duration such as 30s, 5m or 1h. Unset: no lag alert.")
    private String maxLag;

    @JsonPropertyDescription("Largest acceptable amount of WAL the PostgreSQL replication slot may retain on the "
            + "database server, as a quantity of bytes such as 512Mi or 10Gi. Unset: no slot-size alert.")
    private Quantity maxSlotRetainedBytes;

    public String getMaxLag() {
        return maxLag;
    }

    public void setMaxLag(String maxLag) {
        this.maxLag = maxLag;
    }

    public Quantity getMaxSlotRetainedBytes() {
        return maxSlotRetainedBytes;
    }

    public void setMaxSlotRetainedBytes(Quantity maxSlotRetainedBytes) {
        this.maxSlotRetainedBytes = maxSlotRetainedBytes;
    }
}
