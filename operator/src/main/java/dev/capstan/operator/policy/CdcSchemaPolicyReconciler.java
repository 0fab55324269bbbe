package dev.capstan.operator.policy;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.api.v1alpha1.CdcSchemaPolicyStatus;
import dev.capstan.api.v1alpha1.status.Condition;
import dev.capstan.operator.Conditions;
import dev.capstan.operator.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reconciles a {@link CdcSchemaPolicy} for validity and lists, in its status, the pipelines of its
 * namespace that use it (enforcement happens in the runtime), refreshed every resync interval. Writes only {@code observedGeneration},
 * {@code conditions} and {@code pipelines}, with a merge patch, when they changed.
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
        List<String> users = client.resources(CdcPipeline.class).inNamespace(namespace).list().getItems().stream()
                .filter(p -> p.getSpec().getSchemaPolicyRef() != null
                        && policy.getMetadata().getName().equals(p.getSpec().getSchemaPolicyRef().getName()))
                .map(p -> p.getMetadata().getName()).sorted().toList();
        String problem = validate(policy);
        CdcSchemaPolicyStatus old = Optional.ofNullable(policy.getStatus()).orElseGet(CdcSchemaPolicyStatus::new);
        Conditions conditions = new Conditions(old.getConditions(), policy.getMetadata().getGeneration());
        conditions.set(Conditions.READY, problem == null, problem == null ? "Valid" : "Invalid",
                problem == null ? "used by " + users.size() + " pipeline(s)" : problem);
        List<Condition> ready = conditions.list();
        Map<String, Object> owned = new LinkedHashMap<>();
        owned.put("observedGeneration", policy.getMetadata().getGeneration());
        owned.put("conditions", ready);
        owned.put("pipelines", users);
        boolean changed = !Objects.equals(old.getObservedGeneration(), policy.getMetadata().getGeneration())
                || !Objects.equals(old.getPipelines(), users)
                || !Serialization.asJson(ready).equals(Serialization.asJson(
                        old.getConditions() == null ? List.of() : old.getConditions()));
        if (changed) {
            client.resources(CdcSchemaPolicy.class).inNamespace(namespace).withName(policy.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON),
                            dev.capstan.api.status.StatusPatch.setFields(policy.getStatus() != null, owned));
        }
        return UpdateControl.<CdcSchemaPolicy>noUpdate().rescheduleAfter(settings.resyncInterval());
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
