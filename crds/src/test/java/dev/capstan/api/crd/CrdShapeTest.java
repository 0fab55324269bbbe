package dev.capstan.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.capstan.api.validation.ManifestValidator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What kubectl and the API server rely on in the CRDs shipped in the jar. */
class CrdShapeTest {

    /** Properties whose schema comes from fabric8's core types, which carry no descriptions. */
    private static final Set<String> BORROWED = Set.of(".spec.runtime.resources", ".spec.runtime.tolerations");

    @Test
    void pipelineCrdHasNamesColumnsAndStatus() throws IOException {
        CustomResourceDefinition crd = load("cdcpipelines.capstan.dev-v1.yml");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("cdcp");
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName,
                CustomResourceColumnDefinition::getJsonPath).containsExactly(
                        tuple("Phase", ".status.phase"),
                        tuple("Ready", ".status.conditions[?(@.type==\"Ready\")].status"),
                        tuple("Lag", ".status.lag.millisBehindSource"),
                        tuple("Slot", ".status.replicationSlot.retainedWalBytes"),
                        tuple("Age", ".metadata.creationTimestamp"));
        JSONSchemaProps conditions = status(version).getProperties().get("conditions");
        assertThat(conditions.getXKubernetesListType()).isEqualTo("map");
        assertThat(conditions.getXKubernetesListMapKeys()).containsExactly("type");
        assertThat(conditions.getItems().getSchema().getRequired()).contains("type");
        // unquoted True/False would be YAML booleans (the generator's minQuotes option writes them so)
        assertThat(conditions.getItems().getSchema().getProperties().get("status").getEnum())
                .allMatch(value -> value.isTextual()).extracting(value -> value.asText())
                .containsExactlyInAnyOrder("True", "False", "Unknown");
    }

    @Test
    void schemaPolicyCrdHasNamesAndStatus() throws IOException {
        CustomResourceDefinition crd = load("cdcschemapolicies.capstan.dev-v1.yml");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("cdcsp");
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(status(version).getProperties().get("conditions").getXKubernetesListType()).isEqualTo("map");
    }

    @Test
    void everyFieldHasADescriptionForKubectlExplain() throws IOException {
        for (String file : CrdGeneration.FILE_NAMES) {
            JSONSchemaProps root = load(file).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
            List<String> undescribed = new ArrayList<>();
            collectUndescribed("", root, undescribed);
            assertThat(undescribed).as("fields of %s without @JsonPropertyDescription", file).isEmpty();
        }
    }

    private static void collectUndescribed(String path, JSONSchemaProps schema, List<String> undescribed) {
        if (BORROWED.contains(path)) {
            return;
        }
        if (schema.getDescription() == null || schema.getDescription().isBlank()) {
            undescribed.add(path.isEmpty() ? "<root>" : path);
        }
        for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
            collectUndescribed(path + "." + property.getKey(), property.getValue(), undescribed);
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            JSONSchemaProps items = schema.getItems().getSchema();
            items.getProperties().forEach((name, child) -> collectUndescribed(path + "[]." + name, child, undescribed));
        }
    }

    private static JSONSchemaProps status(CustomResourceDefinitionVersion version) {
        return version.getSchema().getOpenAPIV3Schema().getProperties().get("status");
    }

    private static CustomResourceDefinition load(String file) throws IOException {
        try (InputStream in = CrdShapeTest.class.getClassLoader()
                .getResourceAsStream(ManifestValidator.CRD_RESOURCES + file)) {
            assertThat(in).as("classpath resource " + ManifestValidator.CRD_RESOURCES + file).isNotNull();
            return new YAMLMapper().readValue(in, CustomResourceDefinition.class);
        }
    }
}
