package dev.capstan.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a CRD's structural openAPIV3Schema into a draft-4 JSON Schema that behaves as the API server does:
 * {@code x-kubernetes-*} keywords are dropped (int-or-string is already an {@code anyOf}; CEL rules are checked by
 * {@link CelRuleMirror}), {@code nullable} becomes a null type, and every object without
 * {@code x-kubernetes-preserve-unknown-fields} refuses unknown fields, as kubectl's strict field validation does.
 */
final class SchemaTranslator {

    private static final List<String> SCHEMA_LISTS = List.of("anyOf", "allOf", "oneOf");

    private SchemaTranslator() {
    }

    /** Translates the root schema of a kind; adds the fields every Kubernetes object has. */
    static ObjectNode translateRoot(JsonNode openApiV3Schema) {
        ObjectNode root = translate(openApiV3Schema);
        ObjectNode properties = root.withObject("properties");
        properties.set("apiVersion", JsonNodeFactory.instance.objectNode().put("type", "string"));
        properties.set("kind", JsonNodeFactory.instance.objectNode().put("type", "string"));
        properties.set("metadata", JsonNodeFactory.instance.objectNode().put("type", "object"));
        return root;
    }

    static ObjectNode translate(JsonNode schema) {
        ObjectNode out = schema.deepCopy();
        boolean preserveUnknown = out.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<String> names = out.fieldNames(); names.hasNext(); ) {
            if (names.next().startsWith("x-kubernetes-")) {
                names.remove();
            }
        }
        if (out.path("nullable").asBoolean(false) && out.has("type")) {
            out.set("type", JsonNodeFactory.instance.arrayNode().add(out.get("type")).add("null"));
        }
        out.remove("nullable");
        if (out.get("properties") instanceof ObjectNode properties) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                property.setValue(translate(property.getValue()));
            }
            if (!out.has("additionalProperties") && !preserveUnknown) {
                out.put("additionalProperties", false);
            }
        }
        if (out.get("additionalProperties") instanceof ObjectNode additional) {
            out.set("additionalProperties", translate(additional));
        }
        if (out.get("items") instanceof ObjectNode items) {
            out.set("items", translate(items));
        }
        for (String list : SCHEMA_LISTS) {
            if (out.get(list) instanceof ArrayNode schemas) {
                for (int i = 0; i < schemas.size(); i++) {
                    schemas.set(i, translate(schemas.get(i)));
                }
            }
        }
        return out;
    }
}
