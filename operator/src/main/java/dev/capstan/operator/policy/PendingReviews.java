package dev.capstan.operator.policy;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.policy.PendingReview;
import dev.capstan.api.v1alpha1.status.TableSchemaStatus;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The pending reviews of a schema policy, from what the runtimes report: every table a pipeline using the policy
 * holds back ({@code status.schema.tables[].held}) with its review, named by the pipeline. A review is gone as soon as
 * the runtime no longer reports the table held (after an approval, or when the table changed back).
 *
 * <p>Pure: no I/O; the reviews are copies, the pipelines are not changed.
 */
final class PendingReviews {

    private static final Comparator<PendingReview> ORDER = Comparator
            .comparing(PendingReview::getPipeline, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(PendingReview::getTable, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(PendingReview::getFingerprint, Comparator.nullsFirst(Comparator.naturalOrder()));

    private PendingReviews() {
    }

    /** The held reviews of the {@code pipelines} that reference {@code policy}, by pipeline, table, fingerprint. */
    static List<PendingReview> of(String policy, Collection<CdcPipeline> pipelines) {
        return pipelines.stream().filter(p -> policy.equals(policyOf(p))).flatMap(p -> of(p).stream())
                .sorted(ORDER).toList();
    }

    /** The held reviews of one pipeline, in the order the runtime reports its tables. */
    static List<PendingReview> of(CdcPipeline pipeline) {
        if (pipeline.getStatus() == null || pipeline.getStatus().getSchema() == null
                || pipeline.getStatus().getSchema().getTables() == null) {
            return List.of();
        }
        return pipeline.getStatus().getSchema().getTables().stream()
                .filter(t -> Boolean.TRUE.equals(t.getHeld()) && t.getReview() != null)
                .map(t -> copy(pipeline.getMetadata().getName(), t)).toList();
    }

    /** The name of the policy {@code pipeline} references, or null. */
    static String policyOf(CdcPipeline pipeline) {
        return pipeline.getSpec() == null || pipeline.getSpec().getSchemaPolicyRef() == null ? null
                : pipeline.getSpec().getSchemaPolicyRef().getName();
    }

    private static PendingReview copy(String pipeline, TableSchemaStatus table) {
        PendingReview review = new PendingReview();
        review.setPipeline(pipeline);
        review.setTable(Objects.requireNonNullElse(table.getReview().getTable(), table.getName()));
        review.setFingerprint(table.getReview().getFingerprint());
        review.setChanges(table.getReview().getChanges());
        review.setDetectedAt(table.getReview().getDetectedAt());
        return review;
    }
}
