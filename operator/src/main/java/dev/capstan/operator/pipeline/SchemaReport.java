package dev.capstan.operator.pipeline;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.policy.PendingReview;
import dev.capstan.api.v1alpha1.status.Condition;
import dev.capstan.api.v1alpha1.status.ConditionStatus;
import dev.capstan.api.v1alpha1.status.TableSchemaStatus;
import dev.capstan.operator.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the runtime reports about a pipeline's table schemas ({@code status.schema.tables}) under its schema policy,
 * turned into condition SchemaCompatible and the Warning Events of incompatible changes:
 * <ul>
 *   <li>no {@code spec.schemaPolicyRef}: True, {@code NoPolicy} (schemas are not checked; kept rather than left out,
 *       like SlotHealthy {@code NotApplicable}, so every pipeline carries the same conditions);</li>
 *   <li>every reported table compatible: True, {@code Compatible};</li>
 *   <li>a table held back until its change is approved (onIncompatible Pause): False, {@code SchemaChangeHeld};</li>
 *   <li>otherwise a table published with an incompatible schema (onIncompatible Alert): False,
 *       {@code IncompatibleSchemaPublished}.</li>
 * </ul>
 * The message names each incompatible table, its changes, the fingerprint and the approval to add to the policy.
 *
 * <p>Pure: no I/O. Immutable.
 */
final class SchemaReport {

    static final String NO_POLICY = "NoPolicy";
    static final String COMPATIBLE = "Compatible";
    static final String HELD = "SchemaChangeHeld";
    static final String PUBLISHED = "IncompatibleSchemaPublished";

    /** One incompatible table: the Event reason and message, and the fingerprint that identifies the change. */
    record Change(String reason, String fingerprint, String message) {
    }

    private final String pipeline;
    private final String policy;
    private final int reported;
    private final List<TableSchemaStatus> held;
    private final List<TableSchemaStatus> published;

    private SchemaReport(String pipeline, String policy, List<TableSchemaStatus> tables) {
        this.pipeline = pipeline;
        this.policy = policy;
        this.reported = tables.size();
        this.held = tables.stream().filter(t -> Boolean.TRUE.equals(t.getHeld())).toList();
        this.published = tables.stream().filter(t -> !Boolean.TRUE.equals(t.getHeld())
                && Boolean.FALSE.equals(t.getCompatible())).toList();
    }

    static SchemaReport of(CdcPipeline pipeline) {
        var status = pipeline.getStatus();
        List<TableSchemaStatus> tables = status == null || status.getSchema() == null
                || status.getSchema().getTables() == null ? List.of() : status.getSchema().getTables();
        var ref = pipeline.getSpec().getSchemaPolicyRef();
        return new SchemaReport(pipeline.getMetadata().getName(), ref == null ? null : ref.getName(), tables);
    }

    /** The tables whose events the runtime holds back until a schema change is approved. */
    List<String> heldTables() {
        return held.stream().map(TableSchemaStatus::getName).toList();
    }

    /** The policy the pipeline references, or null. */
    String policy() {
        return policy;
    }

    /** Sets condition SchemaCompatible. */
    void condition(Conditions conditions) {
        if (policy == null) {
            conditions.set(Conditions.SCHEMA_COMPATIBLE, ConditionStatus.TRUE, NO_POLICY, "spec.schemaPolicyRef is "
                    + "not set: table schemas are not checked against a schema policy");
        } else if (!held.isEmpty() || !published.isEmpty()) {
            conditions.set(Conditions.SCHEMA_COMPATIBLE, ConditionStatus.FALSE, held.isEmpty() ? PUBLISHED : HELD,
                    String.join("; ", changes().stream().map(Change::message).toList()));
        } else {
            conditions.set(Conditions.SCHEMA_COMPATIBLE, ConditionStatus.TRUE, COMPATIBLE, reported == 0
                    ? "no table schema reported yet (CdcSchemaPolicy " + policy + ")"
                    : "the schemas of all " + reported + " table(s) are compatible under CdcSchemaPolicy " + policy);
        }
    }

    /** Every incompatible table, held ones first. */
    List<Change> changes() {
        List<Change> changes = new ArrayList<>();
        held.forEach(t -> changes.add(change(HELD, t)));
        published.forEach(t -> changes.add(change(PUBLISHED, t)));
        return changes;
    }

    /**
     * The incompatible changes not yet announced: those whose fingerprint is not in the previous SchemaCompatible
     * message (which names the fingerprints already reported) or in {@code announced}.
     */
    List<Change> unannounced(Condition previous, Set<String> announced) {
        String before = previous == null || previous.getMessage() == null ? "" : previous.getMessage();
        return changes().stream().filter(c -> c.fingerprint() != null && !announced.contains(c.fingerprint())
                && !before.contains(c.fingerprint())).toList();
    }

    private Change change(String reason, TableSchemaStatus table) {
        PendingReview review = table.getReview();
        String name = review == null ? table.getName() : Objects.requireNonNullElse(review.getTable(), table.getName());
        if (review == null || review.getFingerprint() == null) {
            return new Change(reason, null, name + ": the schema is incompatible under CdcSchemaPolicy " + policy
                    + (HELD.equals(reason) ? " and its events are held back" : " and was published anyway")
                    + ", but the runtime reported no fingerprint to approve");
        }
        String changes = review.getChanges() == null || review.getChanges().isEmpty() ? ""
                : " (" + String.join(", ", review.getChanges()) + ")";
        String what = HELD.equals(reason)
                ? " is held back: nothing is published until it is approved"
                : " was published anyway (onIncompatible: Alert): consumers may fail to read it";
        String to = HELD.equals(reason) ? "let it through" : "acknowledge it";
        return new Change(reason, review.getFingerprint(), name + ": incompatible schema change" + changes
                + " with fingerprint " + review.getFingerprint() + what + ". To " + to + " add to CdcSchemaPolicy "
                + policy + ": spec.approvals: - {pipeline: " + pipeline + ", table: " + name + ", fingerprint: \""
                + review.getFingerprint() + "\"}");
    }

    /** The fingerprints of every incompatible table. */
    Stream<String> fingerprints() {
        return changes().stream().map(Change::fingerprint).filter(Objects::nonNull);
    }
}
