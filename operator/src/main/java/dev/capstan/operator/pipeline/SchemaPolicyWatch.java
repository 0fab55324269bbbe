package dev.capstan.operator.pipeline;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CdcSchemaPolicies as a secondary source of a {@link CdcPipeline}: a pipeline's policy is the one its
 * {@code spec.schemaPolicyRef} names (read from the informer's cache in the reconcile), and a policy that appears,
 * disappears or changes its spec wakes the pipelines of its namespace that reference it, so a waiting pipeline
 * starts and a changed policy reaches the runtime without waiting for the resync. Status-only changes of a policy
 * (its pending reviews) wake nobody.
 */
final class SchemaPolicyWatch {

    private SchemaPolicyWatch() {
    }

    static InformerEventSource<CdcSchemaPolicy, CdcPipeline> create(EventSourceContext<CdcPipeline> context) {
        var configuration = InformerEventSourceConfiguration.from(CdcSchemaPolicy.class, CdcPipeline.class)
                .withPrimaryToSecondaryMapper((CdcPipeline pipeline) -> {
                    String policy = policyName(pipeline);
                    return policy == null ? Set.of()
                            : Set.of(new ResourceID(policy, pipeline.getMetadata().getNamespace()));
                })
                .withSecondaryToPrimaryMapper((CdcSchemaPolicy policy) -> context.getPrimaryCache()
                        .list(policy.getMetadata().getNamespace(),
                                p -> policy.getMetadata().getName().equals(policyName(p)))
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withOnUpdateFilter((now, before) -> !Objects.equals(now.getMetadata().getGeneration(),
                        before.getMetadata().getGeneration()))
                .build();
        return new InformerEventSource<>(configuration, context);
    }

    private static String policyName(CdcPipeline pipeline) {
        return pipeline.getSpec() == null || pipeline.getSpec().getSchemaPolicyRef() == null ? null
                : pipeline.getSpec().getSchemaPolicyRef().getName();
    }
}
