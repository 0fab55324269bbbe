package dev.capstan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.api.v1alpha1.snapshot.SnapshotMode;
import dev.capstan.api.v1alpha1.source.TlsMode;
import dev.capstan.api.validation.ManifestValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A manifest read in Java gets the same defaults as the API server applies from the CRD schema. */
class DefaultsTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    static final String MINIMAL_POSTGRES = """
            apiVersion: capstan.dev/v1alpha1
            kind: CdcPipeline
            metadata: {name: bookings}
            spec:
              source:
                postgres: {host: pg, database: harbor, credentialsSecretRef: {name: pg}, tls: {}}
                tables: [{name: public.bookings}]
              sink: {kafka: {bootstrapServers: "kafka:9092", topicPrefix: harbor, tls: {}}}
            """;
    static final String MINIMAL_MYSQL = """
            apiVersion: capstan.dev/v1alpha1
            kind: CdcPipeline
            metadata: {name: invoices}
            spec:
              source:
                mysql: {host: my, serverId: 9, credentialsSecretRef: {name: my}, tls: {}}
                tables: [{name: billing.invoices}]
              snapshot: {requests: [{id: once, tables: [billing.invoices]}]}
              sink: {kafka: {bootstrapServers: "kafka:9092", topicPrefix: harbor}}
            """;
    static final String MINIMAL_POLICY = """
            apiVersion: capstan.dev/v1alpha1
            kind: CdcSchemaPolicy
            metadata: {name: strict}
            spec: {registry: {url: "http://registry:8080"}}
            """;

    @Test
    void javaDefaultsEqualTheCrdDefaults() throws IOException {
        assertSameDefaults(MINIMAL_POSTGRES, CdcPipeline.class, "cdcpipelines.capstan.dev-v1.yml");
        assertSameDefaults(MINIMAL_MYSQL, CdcPipeline.class, "cdcpipelines.capstan.dev-v1.yml");
        assertSameDefaults(MINIMAL_POLICY, CdcSchemaPolicy.class, "cdcschemapolicies.capstan.dev-v1.yml");
    }

    @Test
    void documentedDefaultsAreTheJavaDefaults() throws IOException {
        CdcPipeline pipeline = YAML.readValue(MINIMAL_POSTGRES, CdcPipeline.class);
        var spec = pipeline.getSpec();
        assertThat(spec.getSource().getPostgres().getPort()).isEqualTo(5432);
        assertThat(spec.getSource().getPostgres().getHeartbeatInterval()).isEqualTo("10s");
        assertThat(spec.getSource().getPostgres().getTls().getMode()).isEqualTo(TlsMode.REQUIRE);
        assertThat(spec.getSnapshot().getMode()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(spec.getSnapshot().getChunkSize()).isEqualTo(10000);
        assertThat(spec.getSnapshot().getParallelism()).isEqualTo(2);
        assertThat(spec.getSink().getKafka().getTombstones()).isTrue();
        assertThat(spec.getPaused()).isFalse();
        assertThat(YAML.readValue(MINIMAL_MYSQL, CdcPipeline.class).getSpec().getSource().getMysql().getPort())
                .isEqualTo(3306);
    }

    private static void assertSameDefaults(String manifest, Class<? extends HasMetadata> type, String crd)
            throws IOException {
        JsonNode raw = YAML.readTree(manifest);
        JsonNode javaDefaulted = YAML.valueToTree(YAML.treeToValue(raw, type)).get("spec");
        ObjectNode serverDefaulted = raw.get("spec").deepCopy();
        applyDefaults(schema(crd).path("properties").path("spec"), serverDefaulted);
        // through text, so that an int 9 and a long 9 compare equal
        assertThat(YAML.readTree(YAML.writeValueAsString(javaDefaulted)))
                .isEqualTo(YAML.readTree(YAML.writeValueAsString(serverDefaulted)));
    }

    /** Structural defaulting as the API server does it: a missing field with a default gets it, then recurse. */
    private static void applyDefaults(JsonNode schema, JsonNode value) {
        if (value instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                if (!object.has(property.getKey()) && property.getValue().has("default")) {
                    object.set(property.getKey(), property.getValue().get("default").deepCopy());
                }
                if (object.has(property.getKey())) {
                    applyDefaults(property.getValue(), object.get(property.getKey()));
                }
            }
        } else if (value != null && value.isArray()) {
            value.forEach(item -> applyDefaults(schema.path("items"), item));
        }
    }

    private static JsonNode schema(String crd) throws IOException {
        try (InputStream in = DefaultsTest.class.getClassLoader()
                .getResourceAsStream(ManifestValidator.CRD_RESOURCES + crd)) {
            return YAML.readTree(in).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
        }
    }
}
