package dev.capstan.runtime.status;

import dev.capstan.api.v1alpha1.CdcPipelineStatus;
import dev.capstan.api.v1alpha1.status.LagStatus;
import dev.capstan.api.v1alpha1.status.RuntimeStatus;
import dev.capstan.api.v1alpha1.status.SnapshotStatus;
import dev.capstan.api.v1alpha1.status.SchemaStatus;
import dev.capstan.api.v1alpha1.status.TableSchemaStatus;
import java.time.Instant;
import java.util.List;

/**
 * Builds the status fields the runtime owns (DESIGN §2 "Who writes what") as the CR's own status
 * type, so {@code /status} and the status patch of the CdcPipeline are the same JSON.
 *
 * <p>Stateless; thread-safe.
 */
public final class StatusReport {

    private StatusReport() {
    }

    /**
     * The runtime-owned part of the CdcPipeline status, now.
     *
     * @param schemaTables {@code status.schema.tables}, or null for a pipeline without a schema policy
     */
    public static CdcPipelineStatus of(SourceState state, PipelineStats stats, List<String> topics,
                                       SnapshotStatus snapshot, List<TableSchemaStatus> schemaTables) {
        CdcPipelineStatus status = new CdcPipelineStatus();
        status.setSnapshot(snapshot);
        if (schemaTables != null) {
            SchemaStatus schema = new SchemaStatus();
            schema.setTables(schemaTables);
            status.setSchema(schema);
        }
        status.setReplicationSlot(state.slot());
        LagStatus lag = new LagStatus();
        lag.setMillisBehindSource(stats.millisBehindSource());
        lag.setSourcePosition(state.sourcePosition());
        lag.setCommittedPosition(state.committedPosition());
        status.setLag(lag);
        status.setTopics(topics);
        status.setEventsPublished(stats.eventsPublished());
        RuntimeStatus runtime = new RuntimeStatus();
        runtime.setState(state.state());
        runtime.setMessage(state.message());
        runtime.setLastReportTime(Instant.now().toString());
        status.setRuntime(runtime);
        return status;
    }
}
