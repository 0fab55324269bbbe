package dev.capstan.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/** A manifest under test: parsed YAML edited by dotted paths ({@code spec.source.tables[0].name}). */
final class Manifest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final ObjectNode root;

    private Manifest(ObjectNode root) {
        this.root = root;
    }

    static Manifest of(String yaml) {
        try {
            return new Manifest((ObjectNode) YAML.readTree(yaml));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the field at {@code path} to {@code yamlValue} (parsed as YAML: {@code -5}, {@code full}, {@code {a: 1}}). */
    Manifest set(String path, String yamlValue) {
        try {
            JsonNode value = YAML.readTree(yamlValue);
            JsonNode parent = parent(path);
            String last = last(path);
            if (parent instanceof ArrayNode array) {
                array.set(Integer.parseInt(last), value);
            } else {
                ((ObjectNode) parent).set(last, value);
            }
            return this;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    Manifest remove(String path) {
        ((ObjectNode) parent(path)).remove(last(path));
        return this;
    }

    JsonNode node() {
        return root.deepCopy();
    }

    private JsonNode parent(String path) {
        String[] names = split(path);
        JsonNode node = root;
        for (int i = 0; i < names.length - 1; i++) {
            node = node.isArray() ? node.get(Integer.parseInt(names[i])) : node.get(names[i]);
        }
        return node;
    }

    private static String last(String path) {
        String[] names = split(path);
        return names[names.length - 1];
    }

    private static String[] split(String path) {
        return path.replace("[", ".").replace("]", "").split("\\.");
    }
}
