package dev.capstan.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/**
 * CRD generation only: deep-merges the JSON given as {@code @SchemaCustomizer(input)} into the generated schema of the
 * annotated class, for schema keywords the generator has no annotation for (list-map keys, a pattern on an
 * int-or-string quantity). The generator's own MergePatchCustomizer replaces nested maps instead of merging them.
 */
public final class SchemaPatch implements SchemaCustomizer.Customizer {

    /** Makes {@code conditions} a list-map keyed by {@code type}, so two field managers can own conditions. */
    public static final String CONDITIONS_LIST_MAP = "{\"properties\":{\"conditions\":{"
            + "\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"type\"]}}}";

    @Override
    public JSONSchemaProps apply(JSONSchemaProps props, String input, KubernetesSerialization serialization) {
        ObjectNode target = serialization.convertValue(props, ObjectNode.class);
        merge(target, serialization.unmarshal(input, JsonNode.class));
        return serialization.convertValue(target, JSONSchemaProps.class);
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
