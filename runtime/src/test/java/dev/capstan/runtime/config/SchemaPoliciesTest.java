package dev.capstan.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.api.v1alpha1.Format;
import dev.capstan.api.v1alpha1.policy.IncompatibleChangeAction;
import dev.capstan.registry.compat.CompatibilityMode;
import dev.capstan.runtime.event.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CdcSchemaPolicy a pipeline names, read from the manifest's second document. */
class SchemaPoliciesTest {

    private static final String PIPELINE = """
            apiVersion: capstan.dev/v1alpha1
            kind: CdcPipeline
            metadata: {name: bookings, namespace: harbor}
            spec:
              source:
                postgres:
                  host: pg
                  database: harbor
                  credentialsSecretRef: {name: pg-cdc}
                tables:
                  - name: public.bookings
              format: avro
              schemaPolicyRef: {name: strict}
              sink:
                kafka: {bootstrapServers: "kafka:9092", topicPrefix: harbor}
            """;
    private static final String POLICY = """
            ---
            apiVersion: capstan.dev/v1alpha1
            kind: CdcSchemaPolicy
            metadata: {name: strict, namespace: harbor}
            spec:
              compatibility: FULL_TRANSITIVE
              onIncompatible: Alert
              registry: {url: "http://registry:8081/apis/ccompat/v7", credentialsSecretRef: {name: reg}}
              approvals:
                - {pipeline: bookings, table: public.bookings, fingerprint: 9f2c4e1ab37d05c8}
                - {pipeline: other, table: public.bookings, fingerprint: "0000000000000000"}
            """;

    @Test
    void resolvesLevelActionRegistryCredentialsAndThisPipelinesApprovals(@TempDir Path secrets) throws Exception {
        secrets(secrets);
        PipelineConfig config = new PipelineResolver(new SecretsDir(secrets))
                .resolve(PipelineLoader.parseAll(PIPELINE + POLICY));
        assertThat(config.format()).isEqualTo(Format.AVRO);
        SchemaPolicyConfig policy = config.policy();
        assertThat(policy.name()).isEqualTo("strict");
        assertThat(policy.compatibility()).isEqualTo(CompatibilityMode.FULL_TRANSITIVE);
        assertThat(policy.onIncompatible()).isEqualTo(IncompatibleChangeAction.ALERT);
        assertThat(policy.registryUrl()).hasToString("http://registry:8081/apis/ccompat/v7");
        assertThat(policy.username()).isEqualTo("capstan");
        assertThat(policy.password()).isEqualTo("reg-secret");
        assertThat(policy.toString()).doesNotContain("reg-secret");
        assertThat(policy.approvals()).containsExactly(
                new SchemaPolicyConfig.Approval(TableId.parse("public.bookings"), "9f2c4e1ab37d05c8"));
        assertThat(policy.approved(TableId.parse("public.bookings"), "9f2c4e1ab37d05c8")).isTrue();
    }

    @Test
    void aMissingPolicyDocumentIsNamedWithWhatToDo(@TempDir Path secrets) throws Exception {
        secrets(secrets);
        assertThatThrownBy(() -> new PipelineResolver(new SecretsDir(secrets)).resolve(PipelineLoader.parseAll(PIPELINE)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spec.schemaPolicyRef: CdcSchemaPolicy 'strict' is not in the manifest")
                .hasMessageContaining("second YAML document");
    }

    @Test
    void aMissingRegistrySecretNamesThePolicyField(@TempDir Path secrets) throws Exception {
        Files.createDirectories(secrets.resolve("pg-cdc"));
        Files.writeString(secrets.resolve("pg-cdc/username"), "u");
        Files.writeString(secrets.resolve("pg-cdc/password"), "p");
        assertThatThrownBy(() -> new PipelineResolver(new SecretsDir(secrets))
                .resolve(PipelineLoader.parseAll(PIPELINE + POLICY)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CdcSchemaPolicy strict spec.registry.credentialsSecretRef");
    }

    @Test
    void anUnquotedFingerprintThatYamlReadsAsANumberIsNamed() {
        assertThatThrownBy(() -> PipelineLoader.parseAll(PIPELINE + POLICY.replace("\"0000000000000000\"",
                "0000000000000000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("document 2: spec.approvals[1].fingerprint: must be string");
    }

    @Test
    void aThirdDocumentOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> PipelineLoader.parseAll(PIPELINE + POLICY + "---\napiVersion: v1\nkind: Secret\n"
                + "metadata: {name: x}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("document 3");
    }

    private static void secrets(Path secrets) throws Exception {
        Files.createDirectories(secrets.resolve("pg-cdc"));
        Files.writeString(secrets.resolve("pg-cdc/username"), "u");
        Files.writeString(secrets.resolve("pg-cdc/password"), "p");
        Files.createDirectories(secrets.resolve("reg"));
        Files.writeString(secrets.resolve("reg/username"), "capstan");
        Files.writeString(secrets.resolve("reg/password"), "reg-secret\n");
    }
}
