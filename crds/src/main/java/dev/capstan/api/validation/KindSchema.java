package dev.capstan.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The validation of one kind: its CRD schema (from the classpath), its CEL rules, its Java class. */
final class KindSchema {

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .build();

    private final Class<? extends HasMetadata> type;
    private final JsonSchema schema;
    private final CelRules celRules;

    private KindSchema(Class<? extends HasMetadata> type, JsonNode openApiV3Schema) {
        this.type = type;
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(SchemaTranslator.translateRoot(openApiV3Schema), CONFIG);
        this.celRules = new CelRules(openApiV3Schema);
    }

    /** Loads the schema of {@code version} from the CRD YAML at classpath {@code resource}. */
    static KindSchema load(Class<? extends HasMetadata> type, String resource, String version) {
        try (InputStream in = KindSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("CRD " + resource + " is not on the classpath");
            }
            JsonNode crd = new YAMLMapper().readTree(in);
            for (JsonNode served : crd.path("spec").path("versions")) {
                if (version.equals(served.path("name").asText())) {
                    return new KindSchema(type, served.path("schema").path("openAPIV3Schema"));
                }
            }
            throw new IllegalStateException("CRD " + resource + " has no version " + version);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CRD " + resource, e);
        }
    }

    /** Schema, CEL and unknown-field errors of one manifest of this kind. */
    List<String> validate(JsonNode manifest) {
        List<String> errors = new ArrayList<>(SchemaMessages.format(schema.validate(manifest)));
        errors.addAll(celRules.check(manifest));
        List<String> parseProblems = TypedParse.problems(manifest, type);
        boolean schemaClean = errors.isEmpty();
        for (String problem : parseProblems) {
            // a value of the wrong type is already reported by the schema; unknown fields always count
            if (schemaClean || problem.endsWith(": unknown field")) {
                errors.add(problem);
            }
        }
        return errors;
    }
}
