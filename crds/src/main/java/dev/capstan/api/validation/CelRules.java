package dev.capstan.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@code x-kubernetes-validations} of a CRD schema and applies them, as the API server does, to every
 * object of a manifest at the place the rule is declared ({@link CelRuleMirror} evaluates them).
 */
final class CelRules {

    private final JsonNode schema;

    CelRules(JsonNode openApiV3Schema) {
        this.schema = openApiV3Schema;
        requireMirrors(openApiV3Schema);
    }

    List<String> check(JsonNode manifest) {
        List<String> errors = new ArrayList<>();
        walk(schema, manifest, "", errors);
        return errors;
    }

    private static void walk(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (value == null || value.isNull() || !typeMatches(schema, value)) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            if (!CelRuleMirror.evaluate(rule.path("rule").asText(), value)) {
                errors.add(FieldPath.message(at(path, rule.path("fieldPath").asText("")),
                        rule.path("message").asText("failed rule: " + rule.path("rule").asText())));
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode fieldSchema = properties.has(field.getKey()) ? properties.get(field.getKey()) : additional;
                if (fieldSchema.isObject()) {
                    walk(fieldSchema, field.getValue(), FieldPath.child(path, field.getKey()), errors);
                }
            }
        } else if (value.isArray() && schema.path("items").isObject()) {
            for (int i = 0; i < value.size(); i++) {
                walk(schema.get("items"), value.get(i), FieldPath.index(path, i), errors);
            }
        }
    }

    private static boolean typeMatches(JsonNode schema, JsonNode value) {
        return switch (schema.path("type").asText("")) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> true;
        };
    }

    /** A rule's fieldPath ({@code .a.b}) is relative to the object the rule is declared on. */
    private static String at(String path, String fieldPath) {
        String result = path;
        for (String name : fieldPath.split("\\.")) {
            if (!name.isEmpty()) {
                result = FieldPath.child(result, name);
            }
        }
        return result;
    }

    private static void requireMirrors(JsonNode schema) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            if (!CelRuleMirror.isMirrored(rule.path("rule").asText())) {
                throw new IllegalStateException("The CRD has a CEL rule without a Java twin in CelRuleMirror: "
                        + rule.path("rule").asText());
            }
        }
        schema.path("properties").forEach(CelRules::requireMirrors);
        for (String child : List.of("items", "additionalProperties")) {
            if (schema.path(child).isObject()) {
                requireMirrors(schema.get(child));
            }
        }
    }
}
