package dev.capstan.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The registry's one JSON mapper (thread-safe) and the shapes of its common answers. */
final class RegistryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RegistryJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Parses JSON text; a blank text is a missing node. */
    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /** {@code {"subject": s, "id": n, "version": v, "schema": "..."}}, the answer for one subject version. */
    static ObjectNode subjectVersion(SubjectVersion version) {
        return object().put("subject", version.subject())
                .put("id", version.schema().id())
                .put("version", version.version())
                .put("schema", version.schema().text());
    }
}
