package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.sink.SinkSpec;
import dev.capstan.api.v1alpha1.snapshot.SnapshotSpec;
import dev.capstan.api.v1alpha1.source.SourceSpec;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The desired state of a {@link CdcPipeline}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Rules.AVRO_NEEDS_POLICY, message = Rules.AVRO_NEEDS_POLICY_MESSAGE,
        fieldPath = ".schemaPolicyRef", reason = "FieldValueRequired")
public class CdcPipelineSpec {

    @Required
    @JsonPropertyDescription("The database to capture changes from (exactly one of postgres or mysql) and the tables "
            + "to capture.")
    private SourceSpec source;

    @Default("{}")
    @JsonPropertyDescription("How existing rows are read before streaming starts, and declarative re-snapshots.")
    private SnapshotSpec snapshot = new SnapshotSpec();

    @Required
    @JsonPropertyDescription("Where change events are written.")
    private SinkSpec sink;

    @Default("json")
    @JsonPropertyDescription("Encoding of keys and values: json (Debezium JSON envelope, no schema registry) or avro "
            + "(Confluent wire format; requires schemaPolicyRef). Default json.")
    private Format format = Format.JSON;

    @JsonPropertyDescription("The CdcSchemaPolicy (same namespace) that governs schema evolution and names the schema "
            + "registry. Required when format is avro.")
    private SchemaPolicyRef schemaPolicyRef;

    @Default("false")
    @JsonPropertyDescription("true stops reading from the source without losing the position (the replication slot "
            + "keeps retaining WAL while paused). Default false.")
    private Boolean paused = Boolean.FALSE;

    @Default("Delete")
    @JsonPropertyDescription("What happens to the replication slot and publication when the pipeline is deleted: "
            + "Delete drops them, Retain keeps them. Kafka topics are always kept. Default Delete.")
    private DeletionPolicy deletionPolicy = DeletionPolicy.DELETE;

    @JsonPropertyDescription("Thresholds above which the pipeline reports itself Degraded and raises alerts.")
    private AlertsSpec alerts;

    @JsonPropertyDescription("Settings of the runtime pod the operator starts for this pipeline.")
    private RuntimeSpec runtime;

    public SourceSpec getSource() {
        return source;
    }

    public void setSource(SourceSpec source) {
        this.source = source;
    }

    public SnapshotSpec getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(SnapshotSpec snapshot) {
        this.snapshot = snapshot;
    }

    public SinkSpec getSink() {
        return sink;
    }

    public void setSink(SinkSpec sink) {
        this.sink = sink;
    }

    public Format getFormat() {
        return format;
    }

    public void setFormat(Format format) {
        this.format = format;
    }

    public SchemaPolicyRef getSchemaPolicyRef() {
        return schemaPolicyRef;
    }

    public void setSchemaPolicyRef(SchemaPolicyRef schemaPolicyRef) {
        this.schemaPolicyRef = schemaPolicyRef;
    }

    public Boolean getPaused() {
        return paused;
    }

    public void setPaused(Boolean paused) {
        this.paused = paused;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public AlertsSpec getAlerts() {
        return alerts;
    }

    public void setAlerts(AlertsSpec alerts) {
        this.alerts = alerts;
    }

    public RuntimeSpec getRuntime() {
        return runtime;
    }

    public void setRuntime(RuntimeSpec runtime) {
        this.runtime = runtime;
    }
}
