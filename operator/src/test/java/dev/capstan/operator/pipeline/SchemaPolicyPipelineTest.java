package dev.capstan.operator.pipeline;

import static dev.capstan.operator.pipeline.OperatorTestSupport.NAMESPACE;
import static dev.capstan.operator.pipeline.OperatorTestSupport.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.capstan.api.status.StatusPatch;
import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.api.v1alpha1.policy.PendingReview;
import dev.capstan.api.v1alpha1.policy.SchemaApproval;
import dev.capstan.api.v1alpha1.policy.SchemaCompatibility;
import dev.capstan.api.v1alpha1.status.ConditionStatus;
import dev.capstan.api.v1alpha1.status.PipelinePhase;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelines with a CdcSchemaPolicy on the mock API server with a real PostgreSQL and Kafka: the policy reaches the
 * runtime (manifest, registry Secret, RBAC, config hash), and what the runtime reports about incompatible schema
 * changes becomes condition SchemaCompatible, Ready, one Event per change and the policy's pending reviews.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithPostgres
@WithKafka
class SchemaPolicyPipelineTest {

    private static final String FINGERPRINT = "9f2c4e1ab37d05c8";

    @Inject
    KubernetesClient client;

    @BeforeEach
    void crds() {
        OperatorTestSupport.installCrds(client);
    }

    @Test
    void missingPolicyWaitsThenThePolicyReachesTheRuntime(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("opschema");
        OperatorTestSupport.sql(pg, db, "CREATE TABLE a (id int PRIMARY KEY)");
        OperatorTestSupport.secret(client, "pg-schema", pg.user(), pg.password());
        client.resource(OperatorTestSupport.pipeline("avro", pg, db, kafka, "pg-schema", List.of("public.a"),
                "  format: avro\n  schemaPolicyRef: {name: strict}\n")).create();
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            CdcPipeline p = get("avro");
            assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.FAILED);
            assertThat(condition(p, "Ready").orElseThrow().getReason()).isEqualTo("SchemaPolicyNotFound");
            assertThat(condition(p, "Ready").orElseThrow().getMessage()).isEqualTo("spec.schemaPolicyRef: "
                    + "CdcSchemaPolicy 'strict' does not exist in namespace harbor; create it (with spec.registry, see "
                    + "examples/avro/schema-policy.yaml) or name an existing one. The pipeline starts once it exists");
        });
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("avro-runtime").get()).isNull();

        OperatorTestSupport.secret(client, "registry-cdc", "capstan", "registry-password");
        client.resource(policy("strict", "Pause", true)).create();
        // The new policy wakes the waiting pipeline (no backoff wait).
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(deployment("avro")).isNotNull());
        String manifest = client.configMaps().inNamespace(NAMESPACE).withName("avro-runtime").get().getData()
                .get("pipeline.yaml");
        assertThat(manifest).startsWith("---\napiVersion: \"capstan.dev/v1alpha1\"\nkind: \"CdcPipeline\"")
                .contains("---\napiVersion: \"capstan.dev/v1alpha1\"\nkind: \"CdcSchemaPolicy\"")
                .contains("url: \"http://registry.harbor.svc:8080/apis/ccompat/v7\"").contains(FINGERPRINT)
                .doesNotContain("registry-password").doesNotContain("status");
        var container = deployment("avro").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath())
                .containsExactly("/etc/capstan/pipeline", "/etc/capstan/secrets/pg-schema",
                        "/etc/capstan/secrets/registry-cdc");
        Role role = client.rbac().roles().inNamespace(NAMESPACE).withName("avro-runtime").get();
        assertThat(role.getRules()).hasSize(3);
        assertThat(role.getRules().get(2).getApiGroups()).containsExactly("capstan.dev");
        assertThat(role.getRules().get(2).getResources()).containsExactly("cdcschemapolicies");
        assertThat(role.getRules().get(2).getResourceNames()).containsExactly("strict");
        assertThat(role.getRules().get(2).getVerbs()).containsExactly("get", "list", "watch");
        String hash = hash("avro");

        // A new approval reaches the manifest without rolling the pod; a new compatibility level rolls it.
        editPolicy("strict", p -> p.getSpec().getApprovals().add(approval("avro", "public.a", "0a1b2c3d4e5f6071")));
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(client.configMaps().inNamespace(NAMESPACE).withName("avro-runtime").get().getData()
                        .get("pipeline.yaml")).contains("0a1b2c3d4e5f6071"));
        assertThat(hash("avro")).isEqualTo(hash);
        editPolicy("strict", p -> p.getSpec().setCompatibility(SchemaCompatibility.FULL));
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hash("avro")).isNotEqualTo(hash));
        assertThat(client.configMaps().inNamespace(NAMESPACE).withName("avro-runtime").get().getData()
                .get("pipeline.yaml")).contains("compatibility: \"FULL\"");
    }

    @Test
    void heldChangeIsReportedUntilTheRuntimeReportsItCompatible(PostgresServer pg, KafkaBroker kafka)
            throws Exception {
        startPipeline(pg, kafka, "held", "pausing", "Pause");
        report("held", List.of(Map.of("name", "public.a", "subject", "held.public.a-value", "version", 3,
                "compatible", false, "held", true, "review", review("held"))));
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            CdcPipeline p = get("held");
            var schema = condition(p, "SchemaCompatible").orElseThrow();
            assertThat(schema.getStatus()).isEqualTo(ConditionStatus.FALSE);
            assertThat(schema.getReason()).isEqualTo("SchemaChangeHeld");
            assertThat(schema.getMessage()).isEqualTo("public.a: incompatible schema change (amount: long -> int "
                    + "(narrowing)) with fingerprint 9f2c4e1ab37d05c8 is held back: nothing is published until it is "
                    + "approved. To let it through add to CdcSchemaPolicy pausing: spec.approvals: - {pipeline: held, "
                    + "table: public.a, fingerprint: \"9f2c4e1ab37d05c8\"}");
            var ready = condition(p, "Ready").orElseThrow();
            assertThat(ready.getStatus()).isEqualTo(ConditionStatus.FALSE);
            assertThat(ready.getReason()).isEqualTo("SchemaReviewPending");
            assertThat(ready.getMessage()).contains("public.a").contains("CdcSchemaPolicy pausing");
            assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.DEGRADED);
            List<PendingReview> reviews = policy("pausing").getStatus().getPendingReviews();
            assertThat(reviews).hasSize(1);
            assertThat(reviews.get(0).getPipeline()).isEqualTo("held");
            assertThat(reviews.get(0).getTable()).isEqualTo("public.a");
            assertThat(reviews.get(0).getFingerprint()).isEqualTo(FINGERPRINT);
            assertThat(reviews.get(0).getChanges()).containsExactly("amount: long -> int (narrowing)");
        });
        // Several reconciles later (resync 2 s, fresh reports): still one Event for the change.
        for (int i = 0; i < 3; i++) {
            Thread.sleep(2_000);
            report("held", List.of(Map.of("name", "public.a", "compatible", false, "held", true,
                    "review", review("held"))));
        }
        assertThat(events("held", "SchemaChangeHeld")).hasSize(1);
        assertThat(events("held", "SchemaChangeHeld").get(0).getType()).isEqualTo("Warning");
        assertThat(events("held", "SchemaChangeHeld").get(0).getMessage()).contains("spec.approvals: - {pipeline: "
                + "held, table: public.a, fingerprint: \"9f2c4e1ab37d05c8\"}");

        // Approved: the runtime registers the schema and reports the table compatible.
        report("held", List.of(Map.of("name", "public.a", "subject", "held.public.a-value", "version", 4,
                "compatible", true)));
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            CdcPipeline p = get("held");
            assertThat(condition(p, "SchemaCompatible").orElseThrow().getStatus()).isEqualTo(ConditionStatus.TRUE);
            assertThat(condition(p, "SchemaCompatible").orElseThrow().getReason()).isEqualTo("Compatible");
            assertThat(condition(p, "Ready").orElseThrow().getStatus()).isEqualTo(ConditionStatus.TRUE);
            assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.STREAMING);
            assertThat(policy("pausing").getStatus().getPendingReviews()).isEmpty();
        });
        assertThat(events("held", "SchemaChangeHeld")).hasSize(1);
    }

    @Test
    void alertPublishesWarnsOnceAndHoldsNothing(PostgresServer pg, KafkaBroker kafka) throws Exception {
        startPipeline(pg, kafka, "alerted", "alerting", "Alert");
        List<Map<String, Object>> tables = List.of(Map.of("name", "public.a", "version", 4, "compatible", false,
                "review", review("alerted")));
        report("alerted", tables);
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            CdcPipeline p = get("alerted");
            var schema = condition(p, "SchemaCompatible").orElseThrow();
            assertThat(schema.getStatus()).isEqualTo(ConditionStatus.FALSE);
            assertThat(schema.getReason()).isEqualTo("IncompatibleSchemaPublished");
            assertThat(schema.getMessage()).contains("was published anyway").contains("To acknowledge it add to "
                    + "CdcSchemaPolicy alerting: spec.approvals: - {pipeline: alerted, table: public.a, fingerprint: "
                    + "\"9f2c4e1ab37d05c8\"}");
            assertThat(condition(p, "Ready").orElseThrow().getStatus()).isEqualTo(ConditionStatus.TRUE);
            assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.STREAMING);
            assertThat(policy("alerting").getStatus().getPipelines()).containsExactly("alerted");
        });
        Thread.sleep(4_000);
        report("alerted", tables);
        Thread.sleep(2_000);
        assertThat(events("alerted", "IncompatibleSchemaPublished")).hasSize(1);
        assertThat(events("alerted", "SchemaChangeHeld")).isEmpty();
        assertThat(policy("alerting").getStatus().getPendingReviews()).as("nothing is held").isEmpty();
    }

    /** A policy and a pipeline that uses it, deployed and waiting for its runtime. */
    private void startPipeline(PostgresServer pg, KafkaBroker kafka, String name, String policy, String onIncompatible)
            throws Exception {
        String db = pg.createDatabase("op" + name);
        OperatorTestSupport.sql(pg, db, "CREATE TABLE a (id int PRIMARY KEY, amount bigint)");
        OperatorTestSupport.secret(client, "pg-" + name, pg.user(), pg.password());
        client.resource(policy(policy, onIncompatible, false)).create();
        client.resource(OperatorTestSupport.pipeline(name, pg, db, kafka, "pg-" + name, List.of("public.a"),
                "  format: avro\n  schemaPolicyRef: {name: " + policy + "}\n")).create();
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(condition(get(name), "Ready").orElseThrow().getReason()).isEqualTo("WaitingForRuntime");
            assertThat(condition(get(name), "SchemaCompatible").orElseThrow().getReason()).isEqualTo("Compatible");
        });
    }

    /** What the runtime writes: a fresh report and the schema of its tables. */
    private void report(String name, List<Map<String, Object>> tables) {
        client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON), StatusPatch.setFields(true, Map.of(
                        "runtime", Map.of("state", "Streaming", "message", "", "lastReportTime",
                                Instant.now().toString()),
                        "schema", Map.of("tables", tables))));
    }

    private static Map<String, Object> review(String pipeline) {
        return Map.of("pipeline", pipeline, "table", "public.a", "fingerprint", FINGERPRINT,
                "changes", List.of("amount: long -> int (narrowing)"), "detectedAt", "2026-11-21T10:00:00Z");
    }

    private CdcSchemaPolicy policy(String name, String onIncompatible, boolean withSecret) {
        CdcSchemaPolicy policy = Serialization.unmarshal("""
                apiVersion: capstan.dev/v1alpha1
                kind: CdcSchemaPolicy
                metadata: {name: %s, namespace: %s}
                spec:
                  compatibility: BACKWARD
                  onIncompatible: %s
                  registry:
                    url: http://registry.harbor.svc:8080/apis/ccompat/v7
                %s  approvals:
                    - {pipeline: avro, table: public.a, fingerprint: %s}
                """.formatted(name, NAMESPACE, onIncompatible,
                withSecret ? "    credentialsSecretRef: {name: registry-cdc}\n" : "", FINGERPRINT),
                CdcSchemaPolicy.class);
        policy.getSpec().setApprovals(new ArrayList<>(policy.getSpec().getApprovals()));
        return policy;
    }

    private static SchemaApproval approval(String pipeline, String table, String fingerprint) {
        SchemaApproval approval = new SchemaApproval();
        approval.setPipeline(pipeline);
        approval.setTable(table);
        approval.setFingerprint(fingerprint);
        return approval;
    }

    /** Edits the policy like kubectl would, trying again when a status patch came first (409). */
    private void editPolicy(String name, Consumer<CdcSchemaPolicy> change) {
        await().ignoreException(KubernetesClientException.class).atMost(Duration.ofSeconds(10)).until(() -> {
            client.resources(CdcSchemaPolicy.class).inNamespace(NAMESPACE).withName(name).edit(p -> {
                change.accept(p);
                return p;
            });
            return true;
        });
    }

    private List<io.fabric8.kubernetes.api.model.Event> events(String pipeline, String reason) {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && pipeline.equals(e.getInvolvedObject().getName()))
                .toList();
    }

    private String hash(String name) {
        return deployment(name).getSpec().getTemplate().getMetadata().getAnnotations().get("capstan.dev/config-hash");
    }

    private CdcPipeline get(String name) {
        return client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private CdcSchemaPolicy policy(String name) {
        return client.resources(CdcSchemaPolicy.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(name + "-runtime").get();
    }
}
