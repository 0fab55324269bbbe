package dev.capstan.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Turns JSON Schema validation messages into {@code "<field path>: <what is wrong>"}. */
final class SchemaMessages {

    private SchemaMessages() {
    }

    static List<String> format(Set<ValidationMessage> messages) {
        List<String> out = new ArrayList<>();
        // an int-or-string (anyOf) reports one type error per alternative: merged into one message per field
        Map<String, Set<String>> expectedTypes = new LinkedHashMap<>();
        Map<String, String> actualTypes = new LinkedHashMap<>();
        for (ValidationMessage message : messages) {
            String path = path(message.getInstanceLocation());
            if ("type".equals(message.getType())) {
                expectedTypes.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(argument(message, 1));
                actualTypes.put(path, argument(message, 0));
            } else {
                out.add(format(path, message));
            }
        }
        expectedTypes.forEach((path, expected) -> out.add(FieldPath.message(path,
                "must be " + String.join(" or ", expected) + ", was " + actualTypes.get(path))));
        return out;
    }

    private static String format(String path, ValidationMessage message) {
        JsonNode value = message.getInstanceNode();
        JsonNode limit = message.getSchemaNode();
        return switch (message.getType()) {
            case "required" -> FieldPath.message(FieldPath.child(path, message.getProperty()), "is required");
            case "additionalProperties" ->
                    FieldPath.message(FieldPath.child(path, message.getProperty()), "unknown field");
            case "minimum" -> FieldPath.message(path, "must be >= " + number(limit) + ", was " + value);
            case "maximum" -> FieldPath.message(path, "must be <= " + number(limit) + ", was " + value);
            case "enum" -> FieldPath.message(path, "must be one of [" + join(limit) + "], was " + value);
            case "pattern" -> FieldPath.message(path, PatternHints.describe(limit.asText()) + ", was " + value);
            case "minLength" -> FieldPath.message(path, "must be at least " + limit + " characters, was " + value);
            case "maxLength" -> FieldPath.message(path, "must be at most " + limit + " characters long");
            case "minItems" -> FieldPath.message(path, "must have at least " + limit + " item(s), has "
                    + value.size());
            case "maxItems" -> FieldPath.message(path, "must have at most " + limit + " items, has " + value.size());
            default -> FieldPath.message(path, stripLocation(message));
        };
    }

    private static String path(JsonNodePath location) {
        String path = "";
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path = element instanceof Integer index ? FieldPath.index(path, index)
                    : FieldPath.child(path, String.valueOf(element));
        }
        return path;
    }

    private static String argument(ValidationMessage message, int index) {
        Object[] arguments = message.getArguments();
        return arguments != null && arguments.length > index ? String.valueOf(arguments[index]) : "?";
    }

    private static String number(JsonNode limit) {
        return limit.isNumber() && limit.asDouble() == Math.rint(limit.asDouble())
                ? Long.toString(limit.asLong()) : limit.asText();
    }

    private static String join(JsonNode values) {
        return StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.joining(", "));
    }

    private static String stripLocation(ValidationMessage message) {
        String text = message.getMessage();
        int colon = text.indexOf(": ");
        return colon >= 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
    }
}
