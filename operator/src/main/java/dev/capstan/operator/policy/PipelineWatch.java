package dev.capstan.operator.policy;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Objects;
import java.util.Set;

/**
 * The CdcPipelines as a secondary source of a {@link CdcSchemaPolicy}: a pipeline maps to the policy its
 * {@code spec.schemaPolicyRef} names, so the policy's status follows the pipelines at once instead of at the next
 * resync. Only a change that matters to the policy wakes it (pipeline added or deleted, another policy referenced,
 * other held tables); the runtime's regular reports do not.
 *
 * <p>The informer's index maps a policy to every pipeline that referenced it since the start; the reconciler filters
 * by the current reference.
 */
final class PipelineWatch {

    private PipelineWatch() {
    }

    static InformerEventSource<CdcPipeline, CdcSchemaPolicy> create(EventSourceContext<CdcSchemaPolicy> context) {
        var configuration = InformerEventSourceConfiguration.from(CdcPipeline.class, CdcSchemaPolicy.class)
                .withSecondaryToPrimaryMapper((CdcPipeline pipeline) -> {
                    String policy = PendingReviews.policyOf(pipeline);
                    return policy == null ? Set.of()
                            : Set.of(new ResourceID(policy, pipeline.getMetadata().getNamespace()));
                })
                .withOnUpdateFilter(PipelineWatch::matters)
                .build();
        return new InformerEventSource<>(configuration, context);
    }

    private static boolean matters(CdcPipeline now, CdcPipeline before) {
        return !Objects.equals(PendingReviews.policyOf(now), PendingReviews.policyOf(before))
                || !Serialization.asJson(PendingReviews.of(now))
                        .equals(Serialization.asJson(PendingReviews.of(before)));
    }
}
