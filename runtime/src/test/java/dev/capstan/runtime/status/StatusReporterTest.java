package dev.capstan.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.snapshot.SnapshotRequest;
import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.api.v1alpha1.policy.SchemaApproval;
import dev.capstan.api.v1alpha1.status.TableSchemaStatus;
import dev.capstan.registry.RegistryServer;
import dev.capstan.runtime.support.RegistryExtension;
import dev.capstan.runtime.support.TopicReader;

/**
 * A real runtime reports into its CdcPipeline on a (mock, CRUD) API server: its own status fields appear
 * and are kept current, the operator's fields stay untouched, and a re-snapshot request added to the
 * resource runs without a restart.
 */
@WithPostgres
@WithKafka
@EnableKubernetesMockClient(crud = true)
@ExtendWith(RegistryExtension.class)
class StatusReporterTest {

    static KubernetesClient client;

    @Test
    void runtimeReportsItsFieldsAndTakesRequestsFromTheResource(PostgresServer pg, KafkaBroker kafka) throws Exception {
        try (InputStream in = CdcPipeline.class.getResourceAsStream("/dev/capstan/api/crds/cdcpipelines.capstan.dev-v1.yml")) {
            client.resource(client.load(in).items().get(0)).createOr(NonDeletingOperation::update);
        }
        String db = pg.createDatabase("reporter");
        Sql.exec(pg, db, "CREATE TABLE t (id int PRIMARY KEY, v text)",
                "INSERT INTO t SELECT g, 'v' FROM generate_series(1, 50) g");
        TestPipeline test = TestPipeline.of("reporter", pg, db, kafka, List.of("public.t"));
        CdcPipeline resource = Serialization.unmarshal(test.yaml(), CdcPipeline.class);
        client.resource(resource).create();
        // The operator's fields, written first.
        client.resources(CdcPipeline.class).inNamespace("test").withName("reporter").subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"Pending\",\"observedGeneration\":1,"
                        + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"WaitingForRuntime\"}]}}");

        try (TestPipeline.Running running = test.start();
             StatusReporter reporter = new StatusReporter(client, "test", "reporter", running.pipeline(),
                     Duration.ofMillis(300))) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                CdcPipeline p = get();
                assertThat(p.getStatus().getEventsPublished()).isEqualTo(50);
                assertThat(p.getStatus().getSnapshot().getTables().get(0).getRowsScanned()).isEqualTo(50);
                assertThat(p.getStatus().getReplicationSlot().getName()).isEqualTo("capstan_test_reporter");
                assertThat(p.getStatus().getRuntime().getState()).isEqualTo("Streaming");
                assertThat(Instant.parse(p.getStatus().getRuntime().getLastReportTime()))
                        .isAfter(Instant.now().minusSeconds(10));
                assertThat(p.getStatus().getPhase().toString()).isEqualTo("PENDING");
                assertThat(p.getStatus().getConditions()).hasSize(1);
                assertThat(p.getStatus().getConditions().get(0).getReason()).isEqualTo("WaitingForRuntime");
            });

            // Like kubectl edit: tried again when the reporter's status patch came first (409 Conflict).
            await().ignoreException(io.fabric8.kubernetes.client.KubernetesClientException.class)
                    .atMost(Duration.ofSeconds(10)).until(() -> {
                        client.resources(CdcPipeline.class).inNamespace("test").withName("reporter").edit(p -> {
                            SnapshotRequest request = new SnapshotRequest();
                            request.setId("again");
                            request.setTables(List.of("public.t"));
                            p.getSpec().getSnapshot().setRequests(List.of(request));
                            return p;
                        });
                        return true;
                    });
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                CdcPipeline p = get();
                assertThat(p.getStatus().getSnapshot().getCompletedRequests()).containsExactly("again");
                assertThat(p.getStatus().getEventsPublished()).isEqualTo(100);
                assertThat(p.getStatus().getConditions()).hasSize(1);
            });
        }
    }

    @Test
    void aHeldSchemaChangeIsReportedAndAnApprovalInThePolicyResourceReleasesIt(PostgresServer pg, KafkaBroker kafka,
            RegistryServer registry) throws Exception {
        for (String crd : List.of("cdcpipelines", "cdcschemapolicies")) {
            try (InputStream in = CdcPipeline.class.getResourceAsStream("/dev/capstan/api/crds/" + crd
                    + ".capstan.dev-v1.yml")) {
                client.resource(client.load(in).items().get(0)).createOr(NonDeletingOperation::update);
            }
        }
        String db = pg.createDatabase("approvals");
        Sql.exec(pg, db, "CREATE TABLE t (id int PRIMARY KEY, v bigint)");
        TestPipeline test = TestPipeline.of("approvals", pg, db, kafka, List.of("public.t")).snapshot("{mode: never}")
                .policy("avro", "gate", "BACKWARD", "Pause", registry.url().toString());
        List<io.fabric8.kubernetes.api.model.HasMetadata> documents = client.load(
                new java.io.ByteArrayInputStream(test.yaml().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .items();
        documents.forEach(d -> client.resource(d).create());
        try (TestPipeline.Running running = test.start();
             StatusReporter reporter = new StatusReporter(client, "test", "approvals", running.pipeline(),
                     Duration.ofMillis(300));
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "approvals.public.t")) {
            Sql.exec(pg, db, "INSERT INTO t VALUES (1, 1)");
            topic.read(1, Duration.ofSeconds(60));
            Sql.exec(pg, db, "ALTER TABLE t ALTER COLUMN v TYPE int", "INSERT INTO t VALUES (2, 2)");
            TableSchemaStatus held = await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(
                    () -> client.resources(CdcPipeline.class).inNamespace("test").withName("approvals").get()
                            .getStatus().getSchema().getTables().get(0), s -> Boolean.TRUE.equals(s.getHeld()));
            assertThat(held.getReview().getChanges()).containsExactly("v: long -> int (narrowing)");

            client.resources(CdcSchemaPolicy.class).inNamespace("test").withName("gate").edit(policy -> {
                SchemaApproval approval = new SchemaApproval();
                approval.setPipeline("approvals");
                approval.setTable("public.t");
                approval.setFingerprint(held.getReview().getFingerprint());
                policy.getSpec().setApprovals(List.of(approval));
                return policy;
            });
            topic.readUntil(r -> r.size() >= 2, Duration.ofSeconds(30));
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    client.resources(CdcPipeline.class).inNamespace("test").withName("approvals").get()
                            .getStatus().getSchema().getTables().get(0).getCompatible()).isTrue());
        }
    }

    private static CdcPipeline get() {
        return client.resources(CdcPipeline.class).inNamespace("test").withName("reporter").get();
    }
}
