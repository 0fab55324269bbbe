package dev.capstan.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.api.v1alpha1.policy.IncompatibleChangeAction;
import dev.capstan.api.v1alpha1.policy.SchemaApproval;
import dev.capstan.api.v1alpha1.policy.SchemaCompatibility;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The runtime's objects of a pipeline with a schema policy: its manifest, RBAC, mounts and config hash. */
class RuntimeResourcesTest {

    private static final Map<String, String> VERSIONS = Map.of("pg", "1", "registry-cdc", "7");

    @Test
    void manifestHoldsThePipelineThenThePolicy() {
        String manifest = resources(policy(p -> { })).manifest();
        String[] docs = manifest.split("(?m)^---\\s*$");
        List<String> nonEmpty = java.util.Arrays.stream(docs).filter(d -> !d.isBlank()).toList();
        assertThat(nonEmpty).hasSize(2);
        CdcPipeline pipeline = Serialization.unmarshal(nonEmpty.get(0), CdcPipeline.class);
        assertThat(pipeline.getMetadata().getName()).isEqualTo("bookings");
        CdcSchemaPolicy policy = Serialization.unmarshal(nonEmpty.get(1), CdcSchemaPolicy.class);
        assertThat(policy.getKind()).isEqualTo("CdcSchemaPolicy");
        assertThat(policy.getApiVersion()).isEqualTo("capstan.dev/v1alpha1");
        assertThat(policy.getMetadata().getName()).isEqualTo("strict");
        assertThat(policy.getMetadata().getNamespace()).isEqualTo("harbor");
        assertThat(policy.getMetadata().getResourceVersion()).isNull();
        assertThat(policy.getStatus()).isNull();
        assertThat(policy.getSpec().getRegistry().getUrl()).isEqualTo("http://registry:8080/apis/ccompat/v7");
        assertThat(policy.getSpec().getApprovals()).extracting(SchemaApproval::getFingerprint)
                .containsExactly("9f2c4e1ab37d05c8");
        assertThat(manifest).doesNotContain("pendingReviews");
        assertThat(new RuntimeResources(pipeline(false), null, "img", Set.of("pg")).manifest())
                .as("without a policy the manifest is the pipeline alone")
                .isEqualTo(new RuntimeResources(pipeline(false), null, "img", Set.of("pg")).renderedPipeline());
    }

    @Test
    void approvalsDoNotRollThePodOtherPolicyChangesDo() {
        String hash = resources(policy(p -> { })).configHash(VERSIONS);
        assertThat(resources(policy(p -> p.getSpec().getApprovals().add(approval("0a1b2c3d4e5f6071"))))
                .configHash(VERSIONS)).isEqualTo(hash);
        assertThat(resources(policy(p -> p.getSpec().setApprovals(null))).configHash(VERSIONS)).isEqualTo(hash);
        assertThat(resources(policy(p -> p.getSpec().setCompatibility(SchemaCompatibility.FULL))).configHash(VERSIONS))
                .isNotEqualTo(hash);
        assertThat(resources(policy(p -> p.getSpec().setOnIncompatible(IncompatibleChangeAction.ALERT)))
                .configHash(VERSIONS)).isNotEqualTo(hash);
        assertThat(resources(policy(p -> p.getSpec().getRegistry().setUrl("http://other:8080"))).configHash(VERSIONS))
                .isNotEqualTo(hash);
        assertThat(resources(policy(p -> { })).configHash(Map.of("pg", "1", "registry-cdc", "8")))
                .as("rotated registry credentials").isNotEqualTo(hash);
    }

    @Test
    void runtimeMayReadItsPolicyAndGetsTheRegistrySecret() {
        RuntimeResources resources = resources(policy(p -> { }));
        List<PolicyRule> rules = resources.role().getRules();
        assertThat(rules).hasSize(3);
        assertThat(rules.get(2).getApiGroups()).containsExactly("capstan.dev");
        assertThat(rules.get(2).getResources()).containsExactly("cdcschemapolicies");
        assertThat(rules.get(2).getResourceNames()).containsExactly("strict");
        assertThat(rules.get(2).getVerbs()).containsExactly("get", "list", "watch");
        assertThat(new RuntimeResources(pipeline(false), null, "img", Set.of("pg")).role().getRules()).hasSize(2);
        assertThat(resources.deployment(false, "h").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getVolumeMounts()).extracting(m -> m.getMountPath())
                .containsExactly("/etc/capstan/pipeline", "/etc/capstan/secrets/pg",
                        "/etc/capstan/secrets/registry-cdc");
    }

    private static RuntimeResources resources(CdcSchemaPolicy policy) {
        return new RuntimeResources(pipeline(true), policy, "img", new LinkedHashSet<>(List.of("pg", "registry-cdc")));
    }

    private static CdcPipeline pipeline(boolean withPolicy) {
        return Serialization.unmarshal("""
                apiVersion: capstan.dev/v1alpha1
                kind: CdcPipeline
                metadata: {name: bookings, namespace: harbor, uid: u1, generation: 1}
                spec:
                  source:
                    postgres: {host: pg, database: harbor, credentialsSecretRef: {name: pg}}
                    tables: [{name: public.bookings}]
                  sink: {kafka: {bootstrapServers: "kafka:9092", topicPrefix: bookings}}
                """ + (withPolicy ? "  format: avro\n  schemaPolicyRef: {name: strict}\n" : ""), CdcPipeline.class);
    }

    private static CdcSchemaPolicy policy(Consumer<CdcSchemaPolicy> change) {
        CdcSchemaPolicy policy = Serialization.unmarshal("""
                apiVersion: capstan.dev/v1alpha1
                kind: CdcSchemaPolicy
                metadata: {name: strict, namespace: harbor, resourceVersion: "12", generation: 2, uid: u2}
                spec:
                  compatibility: BACKWARD
                  onIncompatible: Pause
                  registry: {url: "http://registry:8080/apis/ccompat/v7", credentialsSecretRef: {name: registry-cdc}}
                  approvals:
                    - {pipeline: bookings, table: public.bookings, fingerprint: 9f2c4e1ab37d05c8}
                status:
                  pendingReviews: [{pipeline: bookings, table: public.rooms, fingerprint: 0a1b2c3d4e5f6071}]
                """, CdcSchemaPolicy.class);
        policy.getSpec().setApprovals(new ArrayList<>(policy.getSpec().getApprovals()));
        change.accept(policy);
        return policy;
    }

    private static SchemaApproval approval(String fingerprint) {
        SchemaApproval a = new SchemaApproval();
        a.setPipeline("bookings");
        a.setTable("public.bookings");
        a.setFingerprint(fingerprint);
        return a;
    }
}
