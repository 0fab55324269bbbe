package dev.capstan.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.api.v1alpha1.status.ConditionStatus;
import dev.capstan.operator.pipeline.OperatorTestSupport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The policy from examples/avro: reconciled for validity, its status lists the pipelines that use it. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class CdcSchemaPolicyReconcilerTest {

    @Inject
    KubernetesClient client;

    @Test
    void policyListsItsPipelinesAndFlagsABadRegistryUrl() throws Exception {
        OperatorTestSupport.installCrds(client);
        Path examples = Path.of("..", "examples", "avro");
        CdcSchemaPolicy policy = Serialization.unmarshal(Files.readString(examples.resolve("schema-policy.yaml")),
                CdcSchemaPolicy.class);
        client.resource(policy).create();
        client.resource(Serialization.unmarshal(Files.readString(examples.resolve("pipeline.yaml")), CdcPipeline.class))
                .create();
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            CdcSchemaPolicy p = get();
            assertThat(p.getStatus().getPipelines()).containsExactly("bookings-avro");
            assertThat(p.getStatus().getConditions().get(0).getStatus()).isEqualTo(ConditionStatus.TRUE);
            assertThat(p.getStatus().getObservedGeneration()).isEqualTo(p.getMetadata().getGeneration());
        });

        await().ignoreException(io.fabric8.kubernetes.client.KubernetesClientException.class)
                .atMost(Duration.ofSeconds(10)).until(() -> {
                    client.resources(CdcSchemaPolicy.class).inNamespace("harbor").withName("strict").edit(p -> {
                        p.getSpec().getRegistry().setUrl("registry:8080");
                        return p;
                    });
                    return true;
                });
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var ready = get().getStatus().getConditions().get(0);
            assertThat(ready.getStatus()).isEqualTo(ConditionStatus.FALSE);
            assertThat(ready.getMessage()).contains("spec.registry.url").contains("registry:8080");
        });
    }

    private CdcSchemaPolicy get() {
        return client.resources(CdcSchemaPolicy.class).inNamespace("harbor").withName("strict").get();
    }
}
