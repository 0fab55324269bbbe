package dev.capstan.operator.pipeline;

import static dev.capstan.operator.pipeline.OperatorTestSupport.NAMESPACE;
import static dev.capstan.operator.pipeline.OperatorTestSupport.condition;
import static dev.capstan.operator.pipeline.OperatorTestSupport.exists;
import static dev.capstan.operator.pipeline.OperatorTestSupport.publishedTables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.status.ConditionStatus;
import dev.capstan.api.v1alpha1.status.PipelinePhase;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator against the fabric8 mock API server (CRUD) and a real PostgreSQL and Kafka: what a
 * CdcPipeline turns into, field by field, and how spec changes, pauses, reports and deletes move it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithPostgres
@WithKafka
class CdcPipelineReconcilerTest {

    @Inject
    KubernetesClient client;

    @Inject
    CdcPipelineReconciler reconciler;

    @BeforeEach
    void crds() {
        OperatorTestSupport.installCrds(client);
    }

    @Test
    void pipelineBecomesSlotTopicsAndRuntime(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("opmain");
        OperatorTestSupport.sql(pg, db, "CREATE TABLE a (id int PRIMARY KEY)", "CREATE TABLE b (id int PRIMARY KEY)");
        OperatorTestSupport.secret(client, "pg-main", pg.user(), pg.password());
        CdcPipeline pipeline = OperatorTestSupport.pipeline("bookings", pg, db, kafka, "pg-main",
                List.of("public.a", "public.b"), "  alerts: {maxLag: 5m}\n");
        client.resource(pipeline).create();

        String slot = "capstan_harbor_bookings";
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(publishedTables(pg, db, slot)).containsExactly("public.a", "public.b");
            assertThat(exists(pg, db, "SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot
                    + "' AND plugin = 'pgoutput'")).isTrue();
            CdcPipeline p = get("bookings");
            assertThat(condition(p, "SourceConnected").orElseThrow().getStatus()).isEqualTo(ConditionStatus.TRUE);
            assertThat(condition(p, "SinkConnected").orElseThrow().getStatus()).isEqualTo(ConditionStatus.TRUE);
            assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.PENDING);
            assertThat(p.getStatus().getObservedGeneration()).isEqualTo(p.getMetadata().getGeneration());
            assertThat(condition(p, "Ready").orElseThrow().getReason()).isEqualTo("WaitingForRuntime");
            assertThat(condition(p, "SchemaCompatible").orElseThrow().getReason()).as("format json, no policy")
                    .isEqualTo("NoPolicy");
        });
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("bookings.public.a",
                    "bookings.public.b", "bookings.transaction", "bookings.capstan-offsets")).allTopicNames().get();
            assertThat(topics.get("bookings.public.a").partitions()).hasSize(2);
            assertThat(topics.get("bookings.transaction").partitions()).hasSize(1);
            assertThat(topics.get("bookings.capstan-offsets").partitions()).hasSize(1);
            var configs = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    "bookings.capstan-offsets"), new ConfigResource(ConfigResource.Type.TOPIC, "bookings.public.b")))
                    .all().get();
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "bookings.capstan-offsets"))
                    .get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "bookings.public.b"))
                    .get("retention.ms").value()).isEqualTo("86400000");
        }

        ConfigMap cm = client.configMaps().inNamespace(NAMESPACE).withName("bookings-runtime").get();
        assertThat(cm.getData().get("pipeline.yaml")).contains("kind: \"CdcPipeline\"").contains("public.b")
                .doesNotContain("password").doesNotContain("status");
        Deployment d = client.apps().deployments().inNamespace(NAMESPACE).withName("bookings-runtime").get();
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(d.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo("bookings");
        var pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("bookings-runtime");
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ghcr.io/capstan-dev/capstan-runtime:0.1.0-SNAPSHOT");
        assertThat(c.getArgs()).containsExactly("run", "--pipeline", "/etc/capstan/pipeline/pipeline.yaml",
                "--secrets-dir", "/etc/capstan/secrets", "--http-port", "8080");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath())
                .containsExactly("/etc/capstan/pipeline", "/etc/capstan/secrets/pg-main");
        assertThat(pod.getVolumes().get(1).getSecret().getSecretName()).isEqualTo("pg-main");
        assertThat(c.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .contains("CAPSTAN_NAMESPACE=harbor", "CAPSTAN_PIPELINE=bookings");
        String hash = d.getSpec().getTemplate().getMetadata().getAnnotations().get("capstan.dev/config-hash");
        assertThat(hash).isNotBlank();
        Service svc = client.services().inNamespace(NAMESPACE).withName("bookings-runtime").get();
        assertThat(svc.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
        assertThat(client.serviceAccounts().inNamespace(NAMESPACE).withName("bookings-runtime").get()).isNotNull();
        Role role = client.rbac().roles().inNamespace(NAMESPACE).withName("bookings-runtime").get();
        assertThat(role.getRules()).hasSize(2);
        assertThat(role.getRules().get(0).getResources()).containsExactly("cdcpipelines");
        assertThat(role.getRules().get(0).getResourceNames()).containsExactly("bookings");
        assertThat(role.getRules().get(0).getVerbs()).containsExactly("get", "list", "watch");
        assertThat(role.getRules().get(1).getResources()).containsExactly("cdcpipelines/status");
        assertThat(role.getRules().get(1).getVerbs()).containsExactly("get", "patch");
        RoleBinding binding = client.rbac().roleBindings().inNamespace(NAMESPACE).withName("bookings-runtime").get();
        assertThat(binding.getSubjects().get(0).getName()).isEqualTo("bookings-runtime");
        assertThat(binding.getRoleRef().getName()).isEqualTo("bookings-runtime");

        // Fewer tables: the publication follows, the pod template rolls.
        edit("bookings", p -> p.getSpec().getSource().getTables().remove(1));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(publishedTables(pg, db, slot)).containsExactly("public.a");
            assertThat(deployment("bookings").getSpec().getTemplate().getMetadata().getAnnotations()
                    .get("capstan.dev/config-hash")).isNotEqualTo(hash);
        });

        // Paused: scaled to 0, with a warning about the slot; unpaused: back.
        edit("bookings", p -> p.getSpec().setPaused(true));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(deployment("bookings").getSpec().getReplicas()).isZero();
            CdcPipeline p = get("bookings");
            assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.PAUSED);
            assertThat(condition(p, "Paused").orElseThrow().getMessage()).contains("keeps retaining WAL")
                    .contains("bytes now");
        });
        edit("bookings", p -> p.getSpec().setPaused(false));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(deployment("bookings").getSpec().getReplicas()).isEqualTo(1);
            assertThat(condition(get("bookings"), "Paused").orElseThrow().getStatus()).isEqualTo(ConditionStatus.FALSE);
        });

        // The runtime reports (its own status fields, merge patch): Streaming; a stale report: Degraded.
        report("bookings", Instant.now().toString(), 0);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            CdcPipeline p = get("bookings");
            assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.STREAMING);
            assertThat(condition(p, "Ready").orElseThrow().getStatus()).isEqualTo(ConditionStatus.TRUE);
            assertThat(p.getStatus().getEventsPublished()).as("the runtime's field survives").isEqualTo(42);
        });
        report("bookings", Instant.now().toString(), 600_000);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            CdcPipeline p = get("bookings");
            assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.DEGRADED);
            assertThat(condition(p, "Ready").orElseThrow().getReason()).isEqualTo("LagTooHigh");
        });
        report("bookings", Instant.now().minusSeconds(300).toString(), 0);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(condition(get("bookings"), "Ready").orElseThrow().getReason()).isEqualTo("RuntimeReportStale"));

        assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems())
                .extracting(e -> e.getReason()).contains("PausedBySpec", "LagTooHigh");

        // Delete with deletionPolicy Delete: slot and publication dropped, topics kept.
        client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName("bookings").delete();
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("bookings")).isNull();
            assertThat(exists(pg, db, "SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "'")).isFalse();
            assertThat(exists(pg, db, "SELECT 1 FROM pg_publication WHERE pubname = '" + slot + "'")).isFalse();
        });
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("bookings.public.a");
        }
    }

    @Test
    void retainKeepsSlotAndPublication(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("opretain");
        OperatorTestSupport.sql(pg, db, "CREATE TABLE a (id int PRIMARY KEY)");
        OperatorTestSupport.secret(client, "pg-retain", pg.user(), pg.password());
        client.resource(OperatorTestSupport.pipeline("kept", pg, db, kafka, "pg-retain", List.of("public.a"),
                "  deletionPolicy: Retain\n  alerts: {maxSlotRetainedBytes: \"1\"}\n"
                        + "  runtime:\n    image: registry.local/capstan-runtime:custom\n    nodeSelector: {disk: ssd}\n"
                        + "    tolerations: [{key: dedicated, operator: Equal, value: cdc, effect: NoSchedule}]\n"
                        + "    resources: {limits: {memory: 512Mi}}\n")).create();
        String slot = "capstan_harbor_kept";
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> exists(pg, db,
                "SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "'"));
        OperatorTestSupport.sql(pg, db, "INSERT INTO a SELECT generate_series(1, 100)");
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var healthy = condition(get("kept"), "SlotHealthy").orElseThrow();
            assertThat(healthy.getStatus()).isEqualTo(ConditionStatus.FALSE);
            assertThat(healthy.getReason()).isEqualTo("SlotRetainsTooMuchWal");
            assertThat(healthy.getMessage()).contains("above spec.alerts.maxSlotRetainedBytes 1");
        });
        var pod = deployment("kept").getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("registry.local/capstan-runtime:custom");
        assertThat(pod.getNodeSelector()).containsEntry("disk", "ssd");
        assertThat(pod.getTolerations().get(0).getKey()).isEqualTo("dedicated");
        assertThat(pod.getContainers().get(0).getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
        client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName("kept").delete();
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> get("kept") == null);
        assertThat(exists(pg, db, "SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "'")).isTrue();
        assertThat(exists(pg, db, "SELECT 1 FROM pg_publication WHERE pubname = '" + slot + "'")).isTrue();
    }

    @Test
    void problemsBecomeConditionsWithReasons(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("opbad");
        OperatorTestSupport.sql(pg, db, "CREATE TABLE a (id int PRIMARY KEY)");
        long started = System.currentTimeMillis();
        client.resource(OperatorTestSupport.pipeline("nosecret", pg, db, kafka, "absent", List.of("public.a"), ""))
                .create();
        awaitReady("nosecret", "SecretNotFound", "Secret 'absent' does not exist in namespace harbor");

        OperatorTestSupport.secret(client, "pg-wrong", pg.user(), "not-the-password");
        client.resource(OperatorTestSupport.pipeline("wrongpw", pg, db, kafka, "pg-wrong", List.of("public.a"), ""))
                .create();
        awaitReady("wrongpw", "SourceAuthenticationFailed", "refused the login");
        assertThat(condition(get("wrongpw"), "SourceConnected").orElseThrow().getStatus())
                .isEqualTo(ConditionStatus.FALSE);

        OperatorTestSupport.secret(client, "pg-ok", pg.user(), pg.password());
        CdcPipeline unreachable = OperatorTestSupport.pipeline("nokafka", pg, db, kafka, "pg-ok", List.of("public.a"),
                "");
        unreachable.getSpec().getSink().getKafka().setBootstrapServers("127.0.0.1:1");
        client.resource(unreachable).create();
        awaitReady("nokafka", "SinkUnreachable", "cannot reach Kafka at 127.0.0.1:1");
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("nokafka-runtime").get())
                .as("no runtime before its slot and topics exist").isNull();
        // Retried with backoff (5 s, 10 s, 20 s ...), not in a tight loop.
        Thread.sleep(Math.max(0, 16_000 - (System.currentTimeMillis() - started)));
        assertThat(reconciler.failures(get("nosecret"))).as("attempts in %d s", (System.currentTimeMillis() - started) / 1000)
                .isBetween(2, 6);
        String message = Set.of("nosecret", "wrongpw", "nokafka").stream()
                .map(n -> condition(get(n), "Ready").orElseThrow().getMessage()).reduce("", String::concat);
        assertThat(message).doesNotContain("not-the-password");
        assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems()).extracting(e -> e.getReason())
                .contains("SecretNotFound", "SourceAuthenticationFailed", "SinkUnreachable");
    }

    /** A topic that exists with other settings is reported in SinkConnected and an Event, never changed. */
    @Test
    void existingTopicThatDiffersIsReportedNotChanged(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("opdiff");
        OperatorTestSupport.sql(pg, db, "CREATE TABLE a (id int PRIMARY KEY)");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("differs.public.a", 1, (short) 1)))
                    .all().get();
        }
        OperatorTestSupport.secret(client, "pg-diff", pg.user(), pg.password());
        client.resource(OperatorTestSupport.pipeline("differs", pg, db, kafka, "pg-diff", List.of("public.a"), ""))
                .create();
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var sink = condition(get("differs"), "SinkConnected").orElseThrow();
            assertThat(sink.getStatus()).isEqualTo(ConditionStatus.TRUE);
            assertThat(sink.getReason()).isEqualTo("TopicsDiffer");
            assertThat(sink.getMessage()).contains("topic differs.public.a has 1 partitions, the spec asks for 2")
                    .contains("has retention.ms=604800000, the spec asks for 86400000")
                    .contains("existing topics are not changed");
        });
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of("differs.public.a")).allTopicNames().get()
                    .get("differs.public.a").partitions()).hasSize(1);
        }
        assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems())
                .anyMatch(e -> "TopicsDiffer".equals(e.getReason()) && "differs".equals(e.getInvolvedObject().getName()));
    }

    private void awaitReady(String name, String reason, String message) {
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            CdcPipeline p = get(name);
            assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.FAILED);
            assertThat(condition(p, "Ready").orElseThrow().getReason()).isEqualTo(reason);
            assertThat(condition(p, "Ready").orElseThrow().getMessage()).contains(message);
        });
    }

    private void report(String name, String time, long lagMillis) {
        client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"eventsPublished\":42,\"lag\":"
                        + "{\"millisBehindSource\":" + lagMillis + "},\"runtime\":{\"state\":\"Streaming\","
                        + "\"message\":\"\",\"lastReportTime\":\"" + time + "\"}}}");
    }

    /** Edits the spec like kubectl would, trying again when the operator's status patch came first (409). */
    private void edit(String name, java.util.function.Consumer<CdcPipeline> change) {
        await().ignoreException(io.fabric8.kubernetes.client.KubernetesClientException.class)
                .atMost(Duration.ofSeconds(10)).until(() -> {
                    client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName(name).edit(p -> {
                        change.accept(p);
                        return p;
                    });
                    return true;
                });
    }

    private CdcPipeline get(String name) {
        return client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(name + "-runtime").get();
    }
}
