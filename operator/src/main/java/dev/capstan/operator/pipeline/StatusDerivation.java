package dev.capstan.operator.pipeline;

import dev.capstan.operator.Conditions;
import dev.capstan.api.v1alpha1.AlertsSpec;
import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcPipelineStatus;
import dev.capstan.api.v1alpha1.status.PipelinePhase;
import dev.capstan.api.v1alpha1.status.ReplicationSlotStatus;
import dev.capstan.api.v1alpha1.status.RuntimeStatus;
import dev.capstan.api.v1alpha1.status.TableSnapshotPhase;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Phase and the conditions that depend on what the runtime reports (snapshot, held schema changes, lag, the age of
 * its last report) and on the source as the operator measured it, against {@code spec.alerts}. Condition
 * SchemaCompatible itself is {@link SchemaReport}'s; a table held for a schema review makes the pipeline Degraded,
 * Ready False {@code SchemaReviewPending}.
 *
 * <p>A MySQL/MariaDB source has no replication slot: SlotHealthy is then True with reason {@code NotApplicable}
 * (rather than left out, so every pipeline carries the same conditions and {@code kubectl wait
 * --for=condition=SlotHealthy} or an alert on SlotHealthy=False behave alike for both kinds of source), and the
 * Paused warning speaks of the server's binlog expiry ({@link BinlogRetention}) instead of WAL retention.
 *
 * <p>Stateless apart from its inputs; one per reconcile.
 */
final class StatusDerivation {

    private final CdcPipeline pipeline;
    private final SourceState source;
    private final Duration staleAfter;

    StatusDerivation(CdcPipeline pipeline, SourceState source, Duration staleAfter) {
        this.pipeline = pipeline;
        this.source = source;
        this.staleAfter = staleAfter;
    }

    PipelinePhase derive(Conditions conditions, boolean paused) {
        CdcPipelineStatus status = Optional.ofNullable(pipeline.getStatus()).orElseGet(CdcPipelineStatus::new);
        AlertsSpec alerts = pipeline.getSpec().getAlerts();
        slotHealth(conditions, alerts);
        boolean snapshotting = status.getSnapshot() != null && status.getSnapshot().getTables() != null
                && status.getSnapshot().getTables().stream().anyMatch(t -> t.getPhase() == TableSnapshotPhase.RUNNING
                        || t.getPhase() == TableSnapshotPhase.PENDING);
        conditions.set(Conditions.SNAPSHOTTING, snapshotting, snapshotting ? "SnapshotRunning" : "NoSnapshot",
                snapshotting ? "the runtime is reading existing rows" : "no snapshot is running");
        if (paused) {
            conditions.set(Conditions.PAUSED, true, "PausedBySpec", "spec.paused is true: the runtime is scaled to 0. "
                    + pauseRisk());
            conditions.set(Conditions.READY, false, "Paused", "the pipeline is paused");
            return PipelinePhase.PAUSED;
        }
        conditions.set(Conditions.PAUSED, false, "Running", "spec.paused is false");
        RuntimeStatus runtime = status.getRuntime();
        Instant reported = reportTime(runtime);
        if (reported == null) {
            conditions.set(Conditions.READY, false, "WaitingForRuntime", "the runtime has not reported yet");
            return PipelinePhase.PENDING;
        }
        Duration age = Duration.between(reported, Instant.now());
        if (age.compareTo(staleAfter) > 0) {
            conditions.set(Conditions.READY, false, "RuntimeReportStale", "the runtime's last report is "
                    + age.toSeconds() + " s old (state " + runtime.getState() + "); check the runtime pod");
            return PipelinePhase.DEGRADED;
        }
        if ("Failed".equals(runtime.getState())) {
            conditions.set(Conditions.READY, false, "RuntimeFailed", String.valueOf(runtime.getMessage()));
            return PipelinePhase.FAILED;
        }
        SchemaReport schema = SchemaReport.of(pipeline);
        List<String> held = schema.heldTables();
        if (!held.isEmpty()) {
            conditions.set(Conditions.READY, false, "SchemaReviewPending", "nothing is published: the runtime holds "
                    + "back the events of " + String.join(", ", held) + " until their incompatible schema change is "
                    + "approved in CdcSchemaPolicy " + schema.policy()
                    + "; condition SchemaCompatible says what to add to its spec.approvals");
            return PipelinePhase.DEGRADED;
        }
        Duration maxLag = alerts == null || alerts.getMaxLag() == null ? null : parse(alerts.getMaxLag());
        Long lag = status.getLag() == null ? null : status.getLag().getMillisBehindSource();
        if (maxLag != null && lag != null && lag > maxLag.toMillis()) {
            conditions.set(Conditions.READY, false, "LagTooHigh", "the runtime is " + lag + " ms behind the source, "
                    + "above spec.alerts.maxLag " + alerts.getMaxLag());
            return PipelinePhase.DEGRADED;
        }
        if (!"Streaming".equals(runtime.getState())) {
            conditions.set(Conditions.READY, false, "Runtime" + runtime.getState(), String.valueOf(runtime.getMessage()));
            return PipelinePhase.DEGRADED;
        }
        PipelinePhase phase = snapshotting ? PipelinePhase.SNAPSHOTTING : PipelinePhase.STREAMING;
        conditions.set(Conditions.READY, true, snapshotting ? "Snapshotting" : "Streaming",
                "changes flow to Kafka" + (snapshotting ? "; a snapshot is running" : ""));
        return phase;
    }

    private String pauseRisk() {
        if (!source.hasSlot()) {
            return "A MySQL/MariaDB source has no slot holding the binlog: " + source.binlog().whilePaused();
        }
        ReplicationSlotStatus slot = source.slot();
        return "The replication slot " + slot.getName() + " keeps retaining WAL meanwhile (" + retained(slot)
                + " bytes now); unpause or delete the pipeline before the database disk fills";
    }

    private void slotHealth(Conditions conditions, AlertsSpec alerts) {
        if (!source.hasSlot()) {
            conditions.set(Conditions.SLOT_HEALTHY, true, "NotApplicable", "a MySQL/MariaDB source has no "
                    + "replication slot; the server's binlog expiry decides what is kept: "
                    + source.binlog().setting());
            return;
        }
        ReplicationSlotStatus slot = source.slot();
        long retained = retained(slot);
        Quantity max = alerts == null ? null : alerts.getMaxSlotRetainedBytes();
        if ("lost".equals(slot.getWalStatus())) {
            conditions.set(Conditions.SLOT_HEALTHY, false, "SlotLost", "PostgreSQL removed WAL that slot "
                    + slot.getName() + " still needed (wal_status lost); re-create the pipeline's slot and re-snapshot");
        } else if (max != null && retained > Quantity.getAmountInBytes(max).longValue()) {
            conditions.set(Conditions.SLOT_HEALTHY, false, "SlotRetainsTooMuchWal", "slot " + slot.getName()
                    + " retains " + retained + " bytes of WAL, above spec.alerts.maxSlotRetainedBytes " + max);
        } else {
            conditions.set(Conditions.SLOT_HEALTHY, true, "WithinLimit", "slot " + slot.getName() + " retains "
                    + retained + " bytes of WAL");
        }
    }

    private static long retained(ReplicationSlotStatus slot) {
        return slot.getRetainedWalBytes() == null ? 0 : slot.getRetainedWalBytes();
    }

    private static Instant reportTime(RuntimeStatus runtime) {
        if (runtime == null || runtime.getLastReportTime() == null) {
            return null;
        }
        try {
            return Instant.parse(runtime.getLastReportTime());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Go-style durations as the CRD allows them (e.g. 90s, 5m, 1h). */
    static Duration parse(String text) {
        long value = Long.parseLong(text.substring(0, text.length() - (text.endsWith("ms") ? 2 : 1)));
        if (text.endsWith("ms")) {
            return Duration.ofMillis(value);
        }
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(value);
            case 'm' -> Duration.ofMinutes(value);
            case 'h' -> Duration.ofHours(value);
            default -> throw new IllegalArgumentException("not a duration: " + text);
        };
    }
}
