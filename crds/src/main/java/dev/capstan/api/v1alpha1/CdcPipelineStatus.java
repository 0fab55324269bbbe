package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.crd.SchemaPatch;
import dev.capstan.api.v1alpha1.status.Condition;
import dev.capstan.api.v1alpha1.status.LagStatus;
import dev.capstan.api.v1alpha1.status.PipelinePhase;
import dev.capstan.api.v1alpha1.status.ReplicationSlotStatus;
import dev.capstan.api.v1alpha1.status.RuntimeStatus;
import dev.capstan.api.v1alpha1.status.SchemaStatus;
import dev.capstan.api.v1alpha1.status.SnapshotStatus;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.List;

/**
 * The observed state of a {@link CdcPipeline}. The operator writes {@code observedGeneration}, {@code phase} and the
 * Ready condition; the runtime (field manager {@code capstan-runtime}) writes what it measures.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaPatch.class, input = SchemaPatch.CONDITIONS_LIST_MAP)
public class CdcPipelineStatus {

    @JsonPropertyDescription("The metadata.generation of the spec the operator last acted on.")
    private Long observedGeneration;

    @JsonPropertyDescription("Lifecycle phase: Pending, Snapshotting, Streaming, Paused, Degraded or Failed.")
    private PipelinePhase phase;

    @JsonPropertyDescription("Current conditions, one per type: Ready (operator), SourceConnected, SinkConnected, "
            + "Snapshotting, SlotHealthy, SchemaCompatible (runtime), Paused.")
    private List<Condition> conditions;

    @JsonPropertyDescription("The PostgreSQL replication slot as seen in pg_replication_slots (PostgreSQL only).")
    private ReplicationSlotStatus replicationSlot;

    @JsonPropertyDescription("How far the published events are behind the source.")
    private LagStatus lag;

    @JsonPropertyDescription("Progress of the initial snapshot and of re-snapshot requests.")
    private SnapshotStatus snapshot;

    @JsonPropertyDescription("Registered schema versions per table (format avro).")
    private SchemaStatus schema;

    @JsonPropertyDescription("Kafka topics the pipeline writes to.")
    private List<String> topics;

    @JsonPropertyDescription("Number of change events (including snapshot reads, excluding tombstones) acknowledged by "
            + "Kafka since the pipeline was created.")
    private Long eventsPublished;

    @JsonPropertyDescription("The runtime process's own report of its state.")
    private RuntimeStatus runtime;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public PipelinePhase getPhase() {
        return phase;
    }

    public void setPhase(PipelinePhase phase) {
        this.phase = phase;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public ReplicationSlotStatus getReplicationSlot() {
        return replicationSlot;
    }

    public void setReplicationSlot(ReplicationSlotStatus replicationSlot) {
        this.replicationSlot = replicationSlot;
    }

    public LagStatus getLag() {
        return lag;
    }

    public void setLag(LagStatus lag) {
        this.lag = lag;
    }

    public SnapshotStatus getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(SnapshotStatus snapshot) {
        this.snapshot = snapshot;
    }

    public SchemaStatus getSchema() {
        return schema;
    }

    public void setSchema(SchemaStatus schema) {
        this.schema = schema;
    }

    public List<String> getTopics() {
        return topics;
    }

    public void setTopics(List<String> topics) {
        this.topics = topics;
    }

    public Long getEventsPublished() {
        return eventsPublished;
    }

    public void setEventsPublished(Long eventsPublished) {
        this.eventsPublished = eventsPublished;
    }

    public RuntimeStatus getRuntime() {
        return runtime;
    }

    public void setRuntime(RuntimeStatus runtime) {
        this.runtime = runtime;
    }
}
