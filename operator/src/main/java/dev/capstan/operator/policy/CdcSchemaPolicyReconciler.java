package dev.capstan.operator.policy;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.api.v1alpha1.CdcSchemaPolicyStatus;
import dev.capstan.api.v1alpha1.policy.PendingReview;
import dev.capstan.api.v1alpha1.status.Condition;
import dev.capstan.operator.Conditions;
import dev.capstan.operator.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reconciles a {@link CdcSchemaPolicy} for validity and lists, in its status, the pipelines of its
 * namespace that use it and the schema changes they hold back for review ({@link PendingReviews}; enforcement
 * happens in the runtime). Wakes when a pipeline starts or stops using it or holds other tables
 * ({@link PipelineWatch}), and every resync interval. Writes only {@code observedGeneration}, {@code conditions},
 * {@code pipelines} and {@code pendingReviews}, with a JSON patch, when they changed.
 */
@ControllerConfiguration(name = "cdcschemapolicy")
public class CdcSchemaPolicyReconciler implements Reconciler<CdcSchemaPolicy> {

    @Inject
    KubernetesClient client;

    @Inject
    OperatorSettings settings;

    @Override
    public UpdateControl<CdcSchemaPolicy> reconcile(CdcSchemaPolicy policy, Context<CdcSchemaPolicy> context) {
        String namespace = policy.getMetadata().getNamespace();
        String name = policy.getMetadata().getName();
        List<CdcPipeline> pipelines = context.getSecondaryResources(CdcPipeline.class).stream()
                .filter(p -> name.equals(PendingReviews.policyOf(p))).toList();
        List<String> users = pipelines.stream().map(p -> p.getMetadata().getName()).sorted().toList();
        List<PendingReview> reviews = PendingReviews.of(name, pipelines);
        String problem = validate(policy);
        CdcSchemaPolicyStatus old = Optional.ofNullable(policy.getStatus()).orElseGet(CdcSchemaPolicyStatus::new);
        Conditions conditions = new Conditions(old.getConditions(), policy.getMetadata().getGeneration());
        conditions.set(Conditions.READY, problem == null, problem == null ? "Valid" : "Invalid",
                problem == null ? usage(users.size(), reviews.size()) : problem);
        List<Condition> ready = conditions.list();
        Map<String, Object> owned = new LinkedHashMap<>();
        owned.put("observedGeneration", policy.getMetadata().getGeneration());
        owned.put("conditions", ready);
        owned.put("pipelines", users);
        owned.put("pendingReviews", reviews);
        boolean changed = !Objects.equals(old.getObservedGeneration(), policy.getMetadata().getGeneration())
                || !Objects.equals(old.getPipelines(), users)
                || !json(ready).equals(json(old.getConditions()))
                || !json(reviews).equals(json(old.getPendingReviews()));
        if (changed) {
            client.resources(CdcSchemaPolicy.class).inNamespace(namespace).withName(policy.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON),
                            dev.capstan.api.status.StatusPatch.setFields(policy.getStatus() != null, owned));
        }
        return UpdateControl.<CdcSchemaPolicy>noUpdate().rescheduleAfter(settings.resyncInterval());
    }

    @Override
    public List<EventSource<?, CdcSchemaPolicy>> prepareEventSources(EventSourceContext<CdcSchemaPolicy> context) {
        return List.of(PipelineWatch.create(context));
    }

    private static String usage(int pipelines, int reviews) {
        return "used by " + pipelines + " pipeline(s)" + (reviews == 0 ? "" : "; " + reviews
                + " incompatible schema change(s) held for review, see status.pendingReviews");
    }

    private static String json(List<?> list) {
        return Serialization.asJson(list == null ? List.of() : list);
    }

    /** What the CRD schema cannot check; null when the policy is usable. */
    private static String validate(CdcSchemaPolicy policy) {
        var registry = policy.getSpec().getRegistry();
        if (registry != null && registry.getUrl() != null && !registry.getUrl().matches("https?://.+")) {
            return "spec.registry.url: '" + registry.getUrl() + "' is not an http(s) URL";
        }
        return null;
    }
}
