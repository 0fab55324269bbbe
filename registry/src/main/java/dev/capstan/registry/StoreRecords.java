package dev.capstan.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.capstan.registry.compat.CompatibilityMode;
import org.apache.avro.AvroRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of the registry's topic, in the Confluent schema registry's layout:
 * <ul>
 *   <li>a version: key {@code {"keytype":"SCHEMA","subject":s,"version":v,"magic":1}}, value
 *       {@code {"subject":s,"version":v,"id":id,"schema":"...","deleted":false}};</li>
 *   <li>a compatibility level: key {@code {"keytype":"CONFIG","subject":s-or-null,"magic":0}}, value
 *       {@code {"compatibilityLevel":"X"}}; a null value removes it.</li>
 * </ul>
 * Keys are written with a fixed field order, so compaction keeps the last record per key.
 */
final class StoreRecords {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRecords.class);

    private StoreRecords() {
    }

    static String schemaKey(String subject, int version) {
        return RegistryJson.object().put("keytype", "SCHEMA").put("subject", subject).put("version", version)
                .put("magic", 1).toString();
    }

    static String schemaValue(SubjectVersion version) {
        return RegistryJson.object().put("subject", version.subject()).put("version", version.version())
                .put("id", version.schema().id()).put("schema", version.schema().text()).put("deleted", false)
                .toString();
    }

    /** The key of the level of {@code subject}, or of the global level when it is null. */
    static String configKey(String subject) {
        return RegistryJson.object().put("keytype", "CONFIG").put("subject", subject).put("magic", 0).toString();
    }

    static String configValue(CompatibilityMode level) {
        return RegistryJson.object().put("compatibilityLevel", level.name()).toString();
    }

    /** Applies one record of the topic to {@code state}; a record it does not understand is skipped and logged. */
    static void apply(String key, String value, RegistryState state) {
        try {
            JsonNode keyJson = RegistryJson.parse(key);
            JsonNode valueJson = value == null ? null : RegistryJson.parse(value);
            String subject = keyJson.path("subject").isTextual() ? keyJson.path("subject").asText() : null;
            switch (keyJson.path("keytype").asText()) {
                case "SCHEMA" -> applySchema(subject, keyJson.path("version").asInt(), valueJson, state);
                case "CONFIG" -> applyConfig(subject, valueJson, state);
                default -> LOG.debug("Skipping a record of another kind: {}", key);
            }
        } catch (JsonProcessingException | AvroRuntimeException | IllegalArgumentException e) {
            LOG.warn("Skipping an unreadable record (key {}): {}", key, e.getMessage());
        }
    }

    private static void applySchema(String subject, int version, JsonNode value, RegistryState state) {
        if (subject == null || version < 1) {
            throw new IllegalArgumentException("a SCHEMA key needs a subject and a version");
        }
        if (value == null || value.path("deleted").asBoolean(false)) {
            state.removeVersion(subject, version);
            return;
        }
        int id = value.path("id").asInt();
        String text = value.path("schema").asText(null);
        if (id < 1 || text == null) {
            throw new IllegalArgumentException("a SCHEMA value needs an id and a schema");
        }
        StoredSchema schema;
        try {
            schema = state.schema(id).filter(known -> known.text().equals(text))
                    .orElseGet(() -> StoredSchema.of(id, StoredSchema.parse(text)));
        } catch (AvroRuntimeException e) {
            // not an Avro schema this registry can serve: keep its id and version from being given again
            state.reserve(subject, version, id);
            LOG.warn("Skipping schema id {} (version {} of subject {}): {}", id, version, subject, e.getMessage());
            return;
        }
        state.putVersion(subject, version, schema);
    }

    private static void applyConfig(String subject, JsonNode value, RegistryState state) {
        if (value == null) {
            state.removeLevel(subject);
            return;
        }
        state.putLevel(subject, CompatibilityMode.parse(value.path("compatibilityLevel").asText()));
    }
}
