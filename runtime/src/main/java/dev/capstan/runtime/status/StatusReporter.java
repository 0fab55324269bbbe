package dev.capstan.runtime.status;

import dev.capstan.api.status.StatusPatch;
import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcPipelineStatus;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.runtime.config.SchemaPolicies;
import dev.capstan.runtime.config.SchemaPolicyConfig;
import dev.capstan.api.v1alpha1.snapshot.SnapshotRequest;
import dev.capstan.runtime.config.SnapshotConfig;
import dev.capstan.runtime.engine.Pipeline;
import dev.capstan.runtime.event.TableId;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In Kubernetes: every interval, writes the status fields the runtime owns ({@code replicationSlot},
 * {@code lag}, {@code snapshot}, {@code schema}, {@code eventsPublished}, {@code runtime}) into its
 * CdcPipeline with a JSON Patch that touches nothing else (the operator owns phase and conditions), and
 * takes new {@code spec.snapshot.requests} from the resource while running. API server trouble is logged
 * and retried on the next round; it never stops the pipeline.
 *
 * <p>Runs on its own daemon thread.
 */
public final class StatusReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);
    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final Pipeline pipeline;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean failing;
    private boolean policyUnreadable;

    public StatusReporter(KubernetesClient client, String namespace, String name, Pipeline pipeline,
                          Duration interval) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.pipeline = pipeline;
        this.thread = new Thread(() -> loop(interval), "capstan-status-reporter");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop(Duration interval) {
        while (running) {
            report();
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: read the resource, take new requests, patch the runtime's status fields. */
    void report() {
        try {
            CdcPipeline resource = client.resources(CdcPipeline.class).inNamespace(namespace).withName(name).get();
            if (resource == null) {
                warnOnce("CdcPipeline " + namespace + "/" + name + " not found; status not reported");
                return;
            }
            pipeline.applySnapshotRequests(requests(resource));
            applyApprovals(resource);
            CdcPipelineStatus s = pipeline.status();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("replicationSlot", s.getReplicationSlot());
            fields.put("lag", s.getLag());
            fields.put("snapshot", s.getSnapshot());
            fields.put("schema", s.getSchema());
            fields.put("eventsPublished", s.getEventsPublished());
            fields.put("runtime", s.getRuntime());
            client.resources(CdcPipeline.class).inNamespace(namespace).withName(name).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON), StatusPatch.setFields(resource.getStatus() != null, fields));
            if (failing) {
                LOG.info("Reporting status to CdcPipeline {}/{} again", namespace, name);
                failing = false;
            }
        } catch (KubernetesClientException e) {
            warnOnce("cannot report status to CdcPipeline " + namespace + "/" + name + ": " + e.getMessage());
        }
    }

    /** The resource's requests for tables the pipeline captures (others are refused by the operator/CRD). */
    private List<SnapshotConfig.Request> requests(CdcPipeline resource) {
        Set<TableId> captured = pipeline.config().tables().stream().map(t -> t.id()).collect(Collectors.toSet());
        List<SnapshotConfig.Request> out = new ArrayList<>();
        List<SnapshotRequest> specs = Optional.ofNullable(resource.getSpec().getSnapshot())
                .map(snapshot -> snapshot.getRequests()).orElse(List.of());
        for (SnapshotRequest r : specs) {
            List<TableId> tables = r.getTables().stream().map(TableId::parse).filter(captured::contains).toList();
            if (tables.size() == r.getTables().size()) {
                out.add(new SnapshotConfig.Request(r.getId(), tables));
            } else {
                warnOnce("spec.snapshot.requests " + r.getId() + " names tables the pipeline does not capture; ignored");
            }
        }
        return out;
    }

    /** Takes the schema policy's current approvals (a human approved a held change) from the API. */
    private void applyApprovals(CdcPipeline resource) {
        SchemaPolicyConfig policy = pipeline.config().policy();
        if (policy == null || resource.getSpec().getSchemaPolicyRef() == null) {
            return;
        }
        String policyName = resource.getSpec().getSchemaPolicyRef().getName();
        CdcSchemaPolicy current;
        try {
            current = client.resources(CdcSchemaPolicy.class).inNamespace(namespace).withName(policyName).get();
        } catch (KubernetesClientException e) {
            // status goes on being reported; approvals wait until the policy can be read again
            if (!policyUnreadable) {
                LOG.warn("Cannot read CdcSchemaPolicy {}/{} for new approvals (the runtime's Role needs get on "
                        + "cdcschemapolicies): {}", namespace, policyName, e.getMessage());
                policyUnreadable = true;
            }
            return;
        }
        policyUnreadable = false;
        if (current != null) {
            pipeline.applySchemaPolicy(policy.withApprovals(SchemaPolicies.approvals(name,
                    current.getSpec().getApprovals())));
        }
    }

    private void warnOnce(String message) {
        if (!failing) {
            LOG.warn(message);
            failing = true;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
