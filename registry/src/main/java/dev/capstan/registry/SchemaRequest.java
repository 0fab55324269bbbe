package dev.capstan.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * The schema in a request body {@code {"schema": "...", "schemaType": "AVRO", "references": []}}: Avro only (an
 * absent type is Avro), without references.
 */
final class SchemaRequest {

    private SchemaRequest() {
    }

    /** @throws ErrorResponse 422 error 42201 for a missing, invalid or non-Avro schema */
    static Schema schema(JsonNode body) {
        if (!body.isObject()) {
            throw ErrorResponse.invalidSchema("the body must be a JSON object with a \"schema\" field");
        }
        JsonNode type = body.path("schemaType");
        if (!type.isMissingNode() && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw ErrorResponse.invalidSchema("schema type " + type.asText() + " is not supported; this registry "
                    + "serves AVRO schemas only");
        }
        JsonNode references = body.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw ErrorResponse.invalidSchema("schema references are not supported");
        }
        JsonNode text = body.path("schema");
        if (!text.isTextual() || text.asText().isBlank()) {
            throw ErrorResponse.invalidSchema("empty schema: the body needs a \"schema\" string");
        }
        try {
            return StoredSchema.parse(text.asText());
        } catch (AvroRuntimeException e) {
            throw ErrorResponse.invalidSchema(e.getMessage());
        }
    }
}
