package dev.capstan.runtime.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.api.validation.ManifestValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a CdcPipeline manifest (the YAML a user applies with kubectl) into the typed model, refusing
 * unknown fields and values that the CRD schema would refuse, with messages that name the field.
 *
 * <p>Stateless; thread-safe.
 */
public final class PipelineLoader {

    private static final ManifestValidator VALIDATOR = new ManifestValidator();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PipelineLoader() {
    }

    /** Loads and validates {@code file}. */
    public static CdcPipeline load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text);
    }

    /**
     * A manifest file: the CdcPipeline (first document) and the CdcSchemaPolicy documents after it
     * ({@code ---}), of which the pipeline uses the one its {@code spec.schemaPolicyRef} names.
     */
    public record Manifest(CdcPipeline pipeline, List<CdcSchemaPolicy> policies) {
    }

    /** Loads and validates every document of {@code file}. */
    public static Manifest loadAll(Path file) {
        try {
            return parseAll(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Validates and parses every document of manifest text: the pipeline first, then schema policies. */
    public static Manifest parseAll(String yaml) {
        List<JsonNode> documents;
        try {
            documents = ManifestValidator.readDocuments(yaml);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException("not valid YAML: " + firstLine(cause.getMessage()), e);
        }
        if (documents.isEmpty()) {
            throw new ConfigException("the manifest is empty; it needs a " + CdcPipeline.KIND);
        }
        CdcPipeline pipeline = parse(documents.get(0));
        List<CdcSchemaPolicy> policies = new java.util.ArrayList<>();
        for (int i = 1; i < documents.size(); i++) {
            JsonNode document = documents.get(i);
            List<String> problems = VALIDATOR.validate(document);
            if (!problems.isEmpty()) {
                throw new ConfigException("document " + (i + 1) + ": " + String.join("\n", problems));
            }
            if (!CdcSchemaPolicy.KIND.equals(document.path("kind").asText())) {
                throw new ConfigException("document " + (i + 1) + ": kind: after the " + CdcPipeline.KIND
                        + " only " + CdcSchemaPolicy.KIND + " documents may follow, not a "
                        + document.path("kind").asText());
            }
            try {
                policies.add(YAML.treeToValue(document, CdcSchemaPolicy.class));
            } catch (IOException e) {
                throw new ConfigException("document " + (i + 1) + ": " + firstLine(e.getMessage()), e);
            }
        }
        return new Manifest(pipeline, List.copyOf(policies));
    }

    /** Validates and parses manifest text (its first document). */
    public static CdcPipeline parse(String yaml) {
        JsonNode document;
        try {
            document = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException("not valid YAML: " + firstLine(e.getMessage()), e);
        }
        return parse(document);
    }

    private static CdcPipeline parse(JsonNode document) {
        List<String> problems = VALIDATOR.validate(document);
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
        if (!CdcPipeline.KIND.equals(document.path("kind").asText())) {
            throw new ConfigException("kind: the runtime runs a " + CdcPipeline.KIND + ", not a "
                    + document.path("kind").asText());
        }
        try {
            return YAML.treeToValue(document, CdcPipeline.class);
        } catch (IOException e) {
            throw new ConfigException(firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
