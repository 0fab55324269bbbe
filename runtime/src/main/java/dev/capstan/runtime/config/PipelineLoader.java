package dev.capstan.runtime.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.capstan.api.v1alpha1.CdcPipeline;
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

    /** Validates and parses manifest text. */
    public static CdcPipeline parse(String yaml) {
        JsonNode document;
        try {
            document = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException("not valid YAML: " + firstLine(e.getMessage()), e);
        }
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
