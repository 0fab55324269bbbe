package dev.capstan.operator.pipeline;

import dev.capstan.operator.Conditions;
import dev.capstan.api.kafka.KafkaClientProperties;
import dev.capstan.api.naming.PipelineTopic;
import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcPipelineSpec;
import dev.capstan.api.v1alpha1.CdcPipelineStatus;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.api.v1alpha1.sink.KafkaSinkSpec;
import dev.capstan.api.v1alpha1.sink.KafkaTopicsSpec;
import dev.capstan.api.v1alpha1.source.TableSpec;
import dev.capstan.api.v1alpha1.status.PipelinePhase;
import dev.capstan.api.status.StatusPatch;
import dev.capstan.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Reconciles a {@link CdcPipeline} into a running, observable pipeline: checks its references, prepares the
 * source ({@link SourceDatabase}: PostgreSQL publication and slot, or MySQL/MariaDB checks), ensures the topics,
 * runs the runtime (Deployment and friends) once source and topics are usable, and derives phase and conditions
 * from its own checks and from what the runtime reports in the status, with one Warning Event per incompatible
 * schema change ({@link SchemaEvents}).
 *
 * <p>It wakes on every change of the resource, status included (the runtime's reports), on a spec change of the
 * schema policy it references ({@link SchemaPolicyWatch}), and at least every {@code resyncInterval}. It writes only
 * the status fields it owns, with a JSON merge patch, and only when they changed. Failures are retried with
 * exponential backoff.
 */
@ControllerConfiguration(name = "cdcpipeline", generationAwareEventProcessing = false)
public class CdcPipelineReconciler implements Reconciler<CdcPipeline>, Cleaner<CdcPipeline> {

    private static final Logger LOG = Logger.getLogger(CdcPipelineReconciler.class);
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** The last full check per pipeline: between resyncs, a report from the runtime only re-derives status. */
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();
    private final SchemaEvents schemaEvents = new SchemaEvents();

    @Inject
    KubernetesClient client;

    @Inject
    OperatorSettings settings;

    @Override
    public List<EventSource<?, CdcPipeline>> prepareEventSources(EventSourceContext<CdcPipeline> context) {
        return List.of(SchemaPolicyWatch.create(context));
    }

    @Override
    public UpdateControl<CdcPipeline> reconcile(CdcPipeline pipeline, Context<CdcPipeline> context) {
        CdcPipelineStatus old = Optional.ofNullable(pipeline.getStatus()).orElseGet(CdcPipelineStatus::new);
        Conditions conditions = new Conditions(old.getConditions(), pipeline.getMetadata().getGeneration());
        Events events = new Events(client, pipeline);
        boolean paused = Boolean.TRUE.equals(pipeline.getSpec().getPaused());
        CdcSchemaPolicy policy = context.getSecondaryResource(CdcSchemaPolicy.class).orElse(null);
        SchemaReport schema = SchemaReport.of(pipeline);
        schema.condition(conditions);
        PipelinePhase phase;
        Duration next = settings.resyncInterval();
        try {
            Checked last = checked.get(pipeline.getMetadata().getUid());
            if (last != null && last.isFreshFor(pipeline, policy, settings.resyncInterval())) {
                // Only the status changed (the runtime's report): derive again from the last full check.
                last.restore(conditions);
                phase = new StatusDerivation(pipeline, last.sourceState(), settings.staleReportAfter())
                        .derive(conditions, paused);
            } else {
                SourceState source = reconcileResources(pipeline, policy, conditions, paused);
                phase = new StatusDerivation(pipeline, source, settings.staleReportAfter()).derive(conditions, paused);
                checked.put(pipeline.getMetadata().getUid(), Checked.of(pipeline, policy, conditions, source));
            }
            failures.remove(pipeline.getMetadata().getUid());
        } catch (Problem p) {
            checked.remove(pipeline.getMetadata().getUid());
            phase = PipelinePhase.FAILED;
            conditions.set(Conditions.READY, false, p.reason(), p.getMessage());
            int n = failures.merge(pipeline.getMetadata().getUid(), 1, Integer::sum);
            next = backoff(n);
            LOG.infof("%s/%s: %s (retrying in %s)", pipeline.getMetadata().getNamespace(),
                    pipeline.getMetadata().getName(), p.getMessage(), next);
        }
        schemaEvents.announce(pipeline, schema, conditions.previous(Conditions.SCHEMA_COMPATIBLE), events);
        events.transitions(conditions);
        patchStatus(pipeline, old, phase, conditions);
        return UpdateControl.<CdcPipeline>noUpdate().rescheduleAfter(next);
    }

    /**
     * The full check: references, the source, topics, the runtime's objects. Returns what it found on the source.
     * Nothing is deployed until source and topics are usable.
     */
    private SourceState reconcileResources(CdcPipeline pipeline, CdcSchemaPolicy policy, Conditions conditions,
                                           boolean paused) throws Problem {
        CdcPipelineSpec spec = pipeline.getSpec();
        String namespace = pipeline.getMetadata().getNamespace();
        Secrets secrets = new Secrets(client);
        Map<String, String> secretVersions = new LinkedHashMap<>();
        SourceDatabase database = new SourceDatabase(pipeline, secrets);
        database.requireSecrets(secretVersions);
        requirePolicy(pipeline, policy, secrets, secretVersions);
        Map<String, Object> kafkaClient = kafkaClient(namespace, spec.getSink().getKafka(), secrets, secretVersions);
        SourceState source;
        try {
            source = database.prepare(spec.getSource().getTables());
            conditions.set(Conditions.SOURCE_CONNECTED, true, "Connected", source.summary());
        } catch (Problem p) {
            conditions.set(Conditions.SOURCE_CONNECTED, false, p.reason(), p.getMessage());
            throw p;
        }
        List<String> differences;
        try {
            differences = new KafkaTopics(kafkaClient).ensure(wantedTopics(spec.getSink().getKafka(), spec));
            conditions.set(Conditions.SINK_CONNECTED, true, differences.isEmpty() ? "Connected" : "TopicsDiffer",
                    differences.isEmpty() ? "topics are in place" : String.join("; ", differences)
                            + " (existing topics are not changed)");
        } catch (Problem p) {
            conditions.set(Conditions.SINK_CONNECTED, false, p.reason(), p.getMessage());
            throw p;
        }
        deploy(pipeline, policy, paused, secretVersions);
        return source;
    }

    /** The referenced schema policy must exist; its registry Secret is mounted for the runtime. */
    private static void requirePolicy(CdcPipeline pipeline, CdcSchemaPolicy policy, Secrets secrets,
                                      Map<String, String> secretVersions) throws Problem {
        if (pipeline.getSpec().getSchemaPolicyRef() == null) {
            return;
        }
        String namespace = pipeline.getMetadata().getNamespace();
        String name = pipeline.getSpec().getSchemaPolicyRef().getName();
        if (policy == null) {
            throw new Problem("SchemaPolicyNotFound", "spec.schemaPolicyRef: CdcSchemaPolicy '" + name
                    + "' does not exist in namespace " + namespace + "; create it (with spec.registry, see "
                    + "examples/avro/schema-policy.yaml) or name an existing one. The pipeline starts once it exists");
        }
        var registry = policy.getSpec().getRegistry();
        if (registry != null && registry.getCredentialsSecretRef() != null) {
            String secret = registry.getCredentialsSecretRef().getName();
            Secret s = secrets.require(namespace, secret, "CdcSchemaPolicy '" + name
                    + "' spec.registry.credentialsSecretRef", "username", "password");
            secretVersions.put(secret, s.getMetadata().getResourceVersion());
        }
    }

    private Map<String, Object> kafkaClient(String namespace, KafkaSinkSpec kafka, Secrets secrets,
                                            Map<String, String> secretVersions) throws Problem {
        try {
            return KafkaClientProperties.of(kafka, (secret, key, field) -> {
                try {
                    Secret s = secrets.require(namespace, secret, field, key);
                    secretVersions.put(secret, s.getMetadata().getResourceVersion());
                    return Secrets.value(s, key);
                } catch (Problem p) {
                    throw new IllegalStateException(p);
                }
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof Problem p) {
                throw p;
            }
            throw e;
        }
    }

    private static List<KafkaTopics.Wanted> wantedTopics(KafkaSinkSpec kafka, CdcPipelineSpec spec) {
        KafkaTopicsSpec topics = Optional.ofNullable(kafka.getTopics()).orElseGet(KafkaTopicsSpec::new);
        Optional<Integer> partitions = Optional.ofNullable(topics.getPartitions());
        Optional<Short> replication = Optional.ofNullable(topics.getReplicationFactor()).map(Integer::shortValue);
        Map<String, String> config = Optional.ofNullable(topics.getConfig()).orElse(Map.of());
        List<KafkaTopics.Wanted> wanted = new ArrayList<>();
        for (PipelineTopic t : PipelineTopic.all(kafka.getTopicPrefix(), tableNames(spec))) {
            Map<String, String> topicConfig = new LinkedHashMap<>(config);
            if (t.compacted()) {
                topicConfig.put("cleanup.policy", "compact");
            }
            wanted.add(new KafkaTopics.Wanted(t.name(), t.singlePartition() ? Optional.of(1) : partitions, replication,
                    topicConfig));
        }
        return wanted;
    }

    private static List<String> tableNames(CdcPipelineSpec spec) {
        return spec.getSource().getTables().stream().map(TableSpec::getName).toList();
    }

    private void deploy(CdcPipeline pipeline, CdcSchemaPolicy policy, boolean paused,
                        Map<String, String> secretVersions) {
        RuntimeResources resources = new RuntimeResources(pipeline, policy, settings.runtimeImage(),
                secretVersions.keySet());
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(resources.configMap());
        if (resources.serviceAccountName().equals(RuntimeResources.name(pipeline))) {
            objects.add(resources.serviceAccount());
        }
        objects.add(resources.role());
        objects.add(resources.roleBinding());
        objects.add(resources.deployment(paused, resources.configHash(secretVersions)));
        objects.add(resources.service());
        for (HasMetadata object : objects) {
            client.resource(object).createOr(NonDeletingOperation::update);
        }
    }

    private void patchStatus(CdcPipeline pipeline, CdcPipelineStatus old, PipelinePhase phase, Conditions conditions) {
        Map<String, Object> owned = new LinkedHashMap<>();
        owned.put("observedGeneration", pipeline.getMetadata().getGeneration());
        owned.put("phase", phase);
        owned.put("conditions", conditions.list());
        owned.put("topics", topicList(pipeline));
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("observedGeneration", old.getObservedGeneration());
        before.put("phase", old.getPhase());
        before.put("conditions", old.getConditions());
        before.put("topics", old.getTopics());
        if (Serialization.asJson(owned).equals(Serialization.asJson(before))) {
            return;
        }
        client.resources(CdcPipeline.class).inNamespace(pipeline.getMetadata().getNamespace())
                .withName(pipeline.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON), StatusPatch.setFields(pipeline.getStatus() != null, owned));
    }

    private static List<String> topicList(CdcPipeline pipeline) {
        return PipelineTopic.eventTopics(pipeline.getSpec().getSink().getKafka().getTopicPrefix(),
                tableNames(pipeline.getSpec()));
    }

    /**
     * Deletion: stops the runtime, then for PostgreSQL drops the slot and the publication
     * ({@code deletionPolicy: Delete}) or keeps them ({@code Retain}); a MySQL/MariaDB source has nothing to drop.
     * Topics are kept. When PostgreSQL cannot be reached the finalizer stays and the drop is retried; set
     * {@code deletionPolicy: Retain} to let go without dropping.
     */
    @Override
    public DeleteControl cleanup(CdcPipeline pipeline, Context<CdcPipeline> context) {
        String namespace = pipeline.getMetadata().getNamespace();
        String name = RuntimeResources.name(pipeline);
        checked.remove(pipeline.getMetadata().getUid());
        schemaEvents.forget(pipeline);
        client.apps().deployments().inNamespace(namespace).withName(name).delete();
        Events events = new Events(client, pipeline);
        try {
            events.normal("Deleted", new SourceDatabase(pipeline, new Secrets(client)).cleanUp());
            failures.remove(pipeline.getMetadata().getUid());
            return DeleteControl.defaultDelete();
        } catch (Problem p) {
            int n = failures.merge(pipeline.getMetadata().getUid(), 1, Integer::sum);
            events.warning("DeleteBlocked", p.getMessage() + "; the slot and publication cannot be dropped yet, "
                    + "retrying. To delete without dropping them set spec.deletionPolicy: Retain");
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(backoff(n).toMillis());
        }
    }

    /**
     * The outcome of a full check (database, Kafka, Kubernetes objects) of one generation of a pipeline and of
     * its schema policy: what it found on the source and the connection conditions it set.
     */
    private record Checked(long generation, Long policyGeneration, Instant at, SourceState sourceState,
                           dev.capstan.api.v1alpha1.status.Condition source,
                           dev.capstan.api.v1alpha1.status.Condition sink) {

        static Checked of(CdcPipeline pipeline, CdcSchemaPolicy policy, Conditions conditions,
                          SourceState sourceState) {
            return new Checked(pipeline.getMetadata().getGeneration(), generationOf(policy), Instant.now(),
                    sourceState, conditions.get(Conditions.SOURCE_CONNECTED),
                    conditions.get(Conditions.SINK_CONNECTED));
        }

        boolean isFreshFor(CdcPipeline pipeline, CdcSchemaPolicy policy, Duration resync) {
            return generation == pipeline.getMetadata().getGeneration()
                    && Objects.equals(policyGeneration, generationOf(policy))
                    && Duration.between(at, Instant.now()).compareTo(resync) < 0;
        }

        private static Long generationOf(CdcSchemaPolicy policy) {
            return policy == null ? null : policy.getMetadata().getGeneration();
        }

        void restore(Conditions conditions) {
            conditions.set(source.getType(), source.getStatus(), source.getReason(), source.getMessage());
            conditions.set(sink.getType(), sink.getStatus(), sink.getReason(), sink.getMessage());
        }
    }

    /** Failed attempts in a row for {@code pipeline} (0 once one succeeds). */
    int failures(CdcPipeline pipeline) {
        return failures.getOrDefault(pipeline.getMetadata().getUid(), 0);
    }

    /** 5 s, 10 s, 20 s ... up to 5 minutes. */
    static Duration backoff(int failures) {
        long seconds = 5L << Math.min(failures - 1, 6);
        return Duration.ofSeconds(Math.min(seconds, 300));
    }
}
