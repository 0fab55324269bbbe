package dev.capstan.operator.pipeline;

import dev.capstan.operator.Conditions;
import dev.capstan.api.v1alpha1.status.Condition;
import dev.capstan.api.v1alpha1.status.ConditionStatus;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on a resource: one for each condition that changed status or reason (Warning when
 * something went wrong), so {@code kubectl describe} tells the story. SchemaCompatible=False is left to
 * {@link SchemaEvents}, which records one Event per incompatible change rather than per transition. Messages never
 * contain secrets.
 */
final class Events {

    private static final Logger LOG = Logger.getLogger(Events.class);
    private final KubernetesClient client;
    private final HasMetadata owner;

    Events(KubernetesClient client, HasMetadata owner) {
        this.client = client;
        this.owner = owner;
    }

    /** Records an event for every condition whose status or reason changed since the last reconcile. */
    void transitions(Conditions conditions) {
        for (Condition c : conditions.list()) {
            Condition before = conditions.previous(c.getType());
            if (before != null && before.getStatus() == c.getStatus() && Objects.equals(before.getReason(), c.getReason())) {
                continue;
            }
            if (c.getType().equals(Conditions.SCHEMA_COMPATIBLE) && c.getStatus() == ConditionStatus.FALSE) {
                continue;
            }
            boolean bad = c.getStatus() == ConditionStatus.FALSE && !c.getType().equals(Conditions.SNAPSHOTTING)
                    && !c.getType().equals(Conditions.PAUSED) && !"Paused".equals(c.getReason());
            boolean paused = c.getType().equals(Conditions.PAUSED) && c.getStatus() == ConditionStatus.TRUE;
            boolean differs = "TopicsDiffer".equals(c.getReason());
            if (bad || paused || differs) {
                warning(c.getReason(), c.getType() + ": " + c.getMessage());
            } else if (before != null || c.getStatus() == ConditionStatus.TRUE) {
                normal(c.getReason(), c.getType() + ": " + c.getMessage());
            }
        }
    }

    void normal(String reason, String message) {
        emit("Normal", reason, message);
    }

    void warning(String reason, String message) {
        emit("Warning", reason, message);
    }

    private void emit(String type, String reason, String message) {
        String now = Instant.now().toString();
        try {
            client.v1().events().inNamespace(owner.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withName(owner.getMetadata().getName() + "." + UUID.randomUUID())
                    .withNamespace(owner.getMetadata().getNamespace()).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(owner.getApiVersion())
                            .withKind(owner.getKind()).withName(owner.getMetadata().getName())
                            .withNamespace(owner.getMetadata().getNamespace()).withUid(owner.getMetadata().getUid())
                            .build())
                    .withType(type).withReason(reason).withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent("capstan-operator").endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("Could not record event %s: %s", reason, e.getMessage());
        }
    }
}
