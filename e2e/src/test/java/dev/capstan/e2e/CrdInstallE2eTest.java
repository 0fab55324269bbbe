package dev.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.api.v1alpha1.CdcPipeline;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a real cluster (kind; the current kubeconfig context): the generated CRDs install and become
 * Established, the examples are accepted, and the API server's own validation (OpenAPI schema and the
 * CEL rules) refuses bad manifests with a message naming the field. Runs only with {@code -Pe2e}.
 */
class CrdInstallE2eTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String NAMESPACE = "capstan-e2e";
    private static KubernetesClient client;

    @BeforeAll
    static void installCrds() throws Exception {
        client = new KubernetesClientBuilder().build();
        for (String file : new String[] {"cdcpipelines.capstan.dev-v1.yml", "cdcschemapolicies.capstan.dev-v1.yml"}) {
            try (InputStream in = Files.newInputStream(ROOT.resolve("crds/generated").resolve(file))) {
                CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
                client.resource(crd).forceConflicts().serverSideApply();
                client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                        .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                                .anyMatch(k -> k.getType().equals("Established") && k.getStatus().equals("True")),
                                60, TimeUnit.SECONDS);
            }
        }
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .serverSideApply();
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            client.namespaces().withName(NAMESPACE).delete();
            client.close();
        }
    }

    @Test
    void examplesAreAccepted() throws Exception {
        for (String example : new String[] {"postgres", "mysql", "resnapshot"}) {
            String yaml = Files.readString(ROOT.resolve("examples").resolve(example).resolve("pipeline.yaml"));
            CdcPipeline pipeline = client.resources(CdcPipeline.class)
                    .load(new java.io.ByteArrayInputStream(yaml.getBytes())).item();
            pipeline.getMetadata().setNamespace(NAMESPACE);
            client.resource(pipeline).create();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(client.resources(CdcPipeline.class).inNamespace(NAMESPACE).list().getItems()).hasSize(3));
    }

    @Test
    void twoSourcesAreRefusedByTheApiServer() throws Exception {
        String yaml = Files.readString(ROOT.resolve("examples/postgres/pipeline.yaml"))
                .replaceFirst("(?m)^(\\s+)postgres:", "$1mysql: {host: db, credentialsSecretRef: {name: x}, "
                        + "serverId: 5}\n$1postgres:");
        CdcPipeline pipeline = client.resources(CdcPipeline.class)
                .load(new java.io.ByteArrayInputStream(yaml.getBytes())).item();
        pipeline.getMetadata().setNamespace(NAMESPACE);
        pipeline.getMetadata().setName("two-sources");
        assertThatThrownBy(() -> client.resource(pipeline).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.source");
    }
}
