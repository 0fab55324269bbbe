package dev.capstan.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.capstan.registry.compat.CompatibilityMode;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/** The handlers of {@code /config} (compatibility levels) and {@code /compatibility/...} (checks). Thread-safe. */
final class ConfigRoutes {

    private final SchemaStore store;
    private final RegistryState state;

    ConfigRoutes(SchemaStore store) {
        this.store = store;
        this.state = store.state();
    }

    /** {@code GET /config}. */
    Reply global(HttpCall call, List<String> params) {
        return level(state.globalLevel());
    }

    /** {@code PUT /config} with {@code {"compatibility": "X"}}. */
    Reply setGlobal(HttpCall call, List<String> params) {
        CompatibilityMode level = requestedLevel(call.body());
        store.setLevel(null, level);
        return Reply.of(RegistryJson.object().put("compatibility", level.name()));
    }

    /** {@code DELETE /config}: back to the default global level; answers the level it had. */
    Reply resetGlobal(HttpCall call, List<String> params) {
        return level(store.removeLevel(null).orElseThrow());
    }

    /** {@code GET /config/{s}}: the subject's own level; with {@code ?defaultToGlobal=true} the global one if unset. */
    Reply subject(HttpCall call, List<String> params) {
        String subject = params.get(0);
        boolean defaultToGlobal = call.query("defaultToGlobal").map(Boolean::parseBoolean).orElse(false);
        Optional<CompatibilityMode> level = state.subjectLevel(subject);
        if (level.isEmpty() && defaultToGlobal) {
            level = Optional.of(state.globalLevel());
        }
        return level(level.orElseThrow(() -> ErrorResponse.subjectLevelNotConfigured(subject)));
    }

    /** {@code PUT /config/{s}}. */
    Reply setSubject(HttpCall call, List<String> params) {
        CompatibilityMode level = requestedLevel(call.body());
        store.setLevel(params.get(0), level);
        return Reply.of(RegistryJson.object().put("compatibility", level.name()));
    }

    /** {@code DELETE /config/{s}}: answers the level it had; 40408 when it had none. */
    Reply deleteSubject(HttpCall call, List<String> params) {
        String subject = params.get(0);
        return store.removeLevel(subject).map(ConfigRoutes::level)
                .orElseThrow(() -> ErrorResponse.subjectLevelNotConfigured(subject));
    }

    /** {@code POST /compatibility/subjects/{s}/versions}: the check a registration would make. */
    Reply checkAll(HttpCall call, List<String> params) {
        String subject = params.get(0);
        Schema schema = SchemaRequest.schema(call.body());
        List<Schema> history = state.history(subject).stream().map(StoredSchema::schema).toList();
        return verdict(state.effectiveLevel(subject).violations(schema, history));
    }

    /**
     * {@code POST /compatibility/subjects/{s}/versions/{v|latest}}: the check against that version (every version
     * under a transitive level). Compatible when {@code latest} of a subject without versions.
     */
    Reply checkVersion(HttpCall call, List<String> params) {
        String subject = params.get(0);
        String version = params.get(1);
        Schema schema = SchemaRequest.schema(call.body());
        boolean latest = version.equals("latest") || version.equals("-1");
        if (latest && !state.hasSubject(subject)) {
            return verdict(List.of());
        }
        SubjectVersion against = SchemaRoutes.resolve(state, subject, version);
        CompatibilityMode level = state.effectiveLevel(subject);
        List<Schema> history = level.transitive()
                ? state.history(subject).stream().map(StoredSchema::schema).toList()
                : List.of(against.schema().schema());
        return verdict(level.violations(schema, history));
    }

    private static Reply verdict(List<String> violations) {
        ObjectNode answer = RegistryJson.object().put("is_compatible", violations.isEmpty());
        ArrayNode messages = answer.putArray("messages");
        violations.forEach(messages::add);
        return Reply.of(answer);
    }

    private static Reply level(CompatibilityMode level) {
        return Reply.of(RegistryJson.object().put("compatibilityLevel", level.name()));
    }

    private static CompatibilityMode requestedLevel(JsonNode body) {
        JsonNode level = body.path("compatibility");
        if (level.isMissingNode()) {
            level = body.path("compatibilityLevel");
        }
        if (!level.isTextual()) {
            throw ErrorResponse.invalidLevel(level.isMissingNode() ? "" : level.toString());
        }
        try {
            return CompatibilityMode.parse(level.asText());
        } catch (IllegalArgumentException e) {
            throw ErrorResponse.invalidLevel(level.asText());
        }
    }
}
