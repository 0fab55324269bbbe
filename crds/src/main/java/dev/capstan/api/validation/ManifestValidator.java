package dev.capstan.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Validates a CdcPipeline or CdcSchemaPolicy manifest the way {@code kubectl apply} would be answered: against the
 * generated CRD's openAPIV3Schema (shipped in this jar), its CEL rules, and the typed model (unknown fields).
 * Every error names the field, e.g. {@code spec.snapshot.chunkSize: must be >= 1, was -5}.
 *
 * <p>Loading the CRDs happens in the constructor; validation does no I/O. Instances are immutable and thread-safe.
 */
public final class ManifestValidator {

    /** Classpath folder of the generated CRD YAML. */
    public static final String CRD_RESOURCES = "dev/capstan/api/crds/";

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Map<String, KindSchema> kinds;

    public ManifestValidator() {
        this.kinds = Map.of(
                CdcPipeline.KIND, KindSchema.load(CdcPipeline.class,
                        CRD_RESOURCES + "cdcpipelines.capstan.dev-v1.yml", CdcPipeline.VERSION),
                CdcSchemaPolicy.KIND, KindSchema.load(CdcSchemaPolicy.class,
                        CRD_RESOURCES + "cdcschemapolicies.capstan.dev-v1.yml", CdcPipeline.VERSION));
    }

    /**
     * Validates one YAML or JSON document.
     *
     * @return readable errors, each {@code "<field path>: <problem>"}; empty when the manifest is valid
     */
    public List<String> validate(String manifest) {
        try {
            return validate(YAML.readTree(manifest));
        } catch (JsonProcessingException e) {
            return List.of("<root>: not valid YAML or JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Validates one parsed document.
     *
     * @return readable errors, each {@code "<field path>: <problem>"}; empty when the manifest is valid
     */
    public List<String> validate(JsonNode manifest) {
        if (manifest == null || !manifest.isObject()) {
            return List.of("<root>: must be an object with apiVersion, kind, metadata and spec");
        }
        String apiVersion = manifest.path("apiVersion").asText("");
        String kind = manifest.path("kind").asText("");
        KindSchema schema = kinds.get(kind);
        if (!CdcPipeline.API_VERSION.equals(apiVersion) || schema == null) {
            return List.of("apiVersion/kind: must be " + CdcPipeline.API_VERSION + " " + CdcPipeline.KIND + " or "
                    + CdcSchemaPolicy.KIND + ", was '" + apiVersion + "' '" + kind + "'");
        }
        LinkedHashSet<String> errors = new LinkedHashSet<>();
        if (manifest.path("metadata").path("name").asText("").isEmpty()) {
            errors.add("metadata.name: is required");
        }
        errors.addAll(schema.validate(manifest));
        return List.copyOf(errors);
    }

    /** Splits a multi-document YAML stream ({@code ---}) into its documents, skipping empty ones. */
    public static List<JsonNode> readDocuments(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }
}
