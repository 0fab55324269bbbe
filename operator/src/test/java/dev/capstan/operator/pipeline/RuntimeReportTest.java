package dev.capstan.operator.pipeline;

import static dev.capstan.operator.pipeline.OperatorTestSupport.NAMESPACE;
import static dev.capstan.operator.pipeline.OperatorTestSupport.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.status.ConditionStatus;
import dev.capstan.api.v1alpha1.status.PipelinePhase;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator and a real runtime process together on the mock API server: the runtime runs the
 * pipeline the operator rendered into its ConfigMap (with the Secret laid out as the pod would mount it),
 * reports into the status, and the operator turns the reports into phase and conditions; when the
 * runtime dies its reports go stale and the pipeline becomes Degraded.
 *
 * <p>Runs the packaged runtime ({@code runtime/target/capstan-runtime.jar}), which {@code mvn verify}
 * builds before this module's tests.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithPostgres
@WithKafka
class RuntimeReportTest {

    @Inject
    KubernetesClient client;

    @Test
    void realRuntimeReportsDrivePhaseAndConditions(PostgresServer pg, KafkaBroker kafka) throws Exception {
        Path jar = Path.of("..", "runtime", "target", "capstan-runtime.jar").toAbsolutePath().normalize();
        assertThat(jar).as("the packaged runtime; build it with mvn verify from the root (or mvn -pl runtime "
                + "package) first").exists();
        OperatorTestSupport.installCrds(client);
        String db = pg.createDatabase("opreport");
        OperatorTestSupport.sql(pg, db, "CREATE TABLE a (id int PRIMARY KEY, v text)",
                "INSERT INTO a SELECT g, 'v' FROM generate_series(1, 20) g");
        OperatorTestSupport.secret(client, "pg-report", pg.user(), pg.password());
        client.resource(OperatorTestSupport.pipeline("reported", pg, db, kafka, "pg-report", List.of("public.a"), ""))
                .create();
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() ->
                client.configMaps().inNamespace(NAMESPACE).withName("reported-runtime").get() != null);

        // What the pod would see: the ConfigMap and the Secret as files.
        Path dir = Files.createTempDirectory("capstan-pod");
        Path manifest = Files.writeString(dir.resolve("pipeline.yaml"), client.configMaps().inNamespace(NAMESPACE)
                .withName("reported-runtime").get().getData().get("pipeline.yaml"));
        Path secret = Files.createDirectories(dir.resolve("secrets/pg-report"));
        Files.writeString(secret.resolve("username"), pg.user());
        Files.writeString(secret.resolve("password"), pg.password());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "run", "--pipeline", manifest.toString(), "--secrets-dir",
                dir.resolve("secrets").toString(), "--http-port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("runtime.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("CAPSTAN_NAMESPACE", NAMESPACE);
        env.put("CAPSTAN_PIPELINE", "reported");
        env.put("KUBERNETES_SERVICE_HOST", "mock");
        env.put("KUBERNETES_MASTER", client.getMasterUrl().toString());
        env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
        env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
        env.put("KUBERNETES_NAMESPACE", NAMESPACE);
        Process runtime = builder.start();
        try {
            await().ignoreExceptions().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                CdcPipeline p = get();
                assertThat(p.getStatus().getEventsPublished()).isEqualTo(20);
                assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.STREAMING);
                assertThat(condition(p, "Ready").orElseThrow().getStatus()).isEqualTo(ConditionStatus.TRUE);
                assertThat(condition(p, "Snapshotting").orElseThrow().getStatus()).isEqualTo(ConditionStatus.FALSE);
                assertThat(p.getStatus().getReplicationSlot().getActive()).isTrue();
                assertThat(p.getStatus().getSnapshot().getTables().get(0).getRowsScanned()).isEqualTo(20);
            });
        } finally {
            runtime.destroyForcibly().waitFor();
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            CdcPipeline p = get();
            assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.DEGRADED);
            assertThat(condition(p, "Ready").orElseThrow().getReason()).isEqualTo("RuntimeReportStale");
        });
    }

    private CdcPipeline get() {
        return client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName("reported").get();
    }
}
