package dev.capstan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.api.validation.ManifestValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every document of every examples/**&#47;*.yaml reads into the typed model and passes the CRD validation. */
class ExamplesTest {

    static final Path EXAMPLES = Path.of(System.getProperty("basedir", ".")).resolve("../examples").normalize();

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            CdcPipeline.KIND, CdcPipeline.class, CdcSchemaPolicy.KIND, CdcSchemaPolicy.class, "Secret", Secret.class);

    private final ManifestValidator validator = new ManifestValidator();

    @TestFactory
    Stream<DynamicTest> everyExampleDocumentIsValid() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : exampleFiles()) {
            List<JsonNode> documents = ManifestValidator.readDocuments(Files.readString(file));
            for (int i = 0; i < documents.size(); i++) {
                JsonNode document = documents.get(i);
                String name = EXAMPLES.relativize(file) + " #" + (i + 1) + " " + document.path("kind").asText();
                tests.add(DynamicTest.dynamicTest(name, () -> checkDocument(document)));
            }
        }
        return tests.stream();
    }

    @Test
    void everyFolderHasItsKindsAndTheSecretsItReferences() throws IOException {
        for (String folder : List.of("postgres", "mysql", "avro", "resnapshot")) {
            List<HasMetadata> resources = new ArrayList<>();
            for (Path file : exampleFiles()) {
                if (file.startsWith(EXAMPLES.resolve(folder))) {
                    for (JsonNode document : ManifestValidator.readDocuments(Files.readString(file))) {
                        resources.add(STRICT.treeToValue(document, KINDS.get(document.path("kind").asText())));
                    }
                }
            }
            Set<String> secrets = names(resources, Secret.class);
            assertThat(resources).as(folder).anyMatch(CdcPipeline.class::isInstance);
            for (CdcPipeline pipeline : typed(resources, CdcPipeline.class)) {
                assertThat(secrets).as("Secrets in examples/%s referenced by %s", folder, pipeline.getMetadata()
                        .getName()).containsAll(SecretReferences.of(pipeline));
                if (pipeline.getSpec().getSchemaPolicyRef() != null) {
                    assertThat(names(resources, CdcSchemaPolicy.class))
                            .contains(pipeline.getSpec().getSchemaPolicyRef().getName());
                }
            }
        }
    }

    private void checkDocument(JsonNode document) throws IOException {
        Class<? extends HasMetadata> type = KINDS.get(document.path("kind").asText());
        assertThat(type).as("kind of the document").isNotNull();
        HasMetadata resource = STRICT.treeToValue(document, type);
        assertThat(resource.getMetadata().getNamespace()).isEqualTo("harbor");
        assertThat(resource.getMetadata().getAdditionalProperties()).as("unknown metadata fields").isEmpty();
        if (resource instanceof Secret secret) {
            assertThat(secret.getAdditionalProperties()).as("unknown Secret fields").isEmpty();
            assertThat(secret.getStringData()).isNotEmpty();
        } else {
            assertThat(validator.validate(document)).isEmpty();
        }
    }

    private static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
            assertThat(yaml).as("YAML files under " + EXAMPLES).hasSizeGreaterThanOrEqualTo(4);
            return yaml;
        }
    }

    private static <T> List<T> typed(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Set<String> names(List<HasMetadata> resources, Class<? extends HasMetadata> type) {
        Set<String> names = new HashSet<>();
        typed(resources, type).forEach(r -> names.add(r.getMetadata().getName()));
        return names;
    }
}
