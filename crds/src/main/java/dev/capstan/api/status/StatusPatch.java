package dev.capstan.api.status;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON Patch (RFC 6902) that sets some status fields and nothing else: one writer's fields (operator
 * or runtime) next to the other's, which it must never overwrite. A merge patch would do for scalars,
 * but it replaces lists wholesale on a real API server and appends to them on the fabric8 mock server;
 * "add" of each field replaces exactly that field on both.
 */
public final class StatusPatch {

    private StatusPatch() {
    }

    /** The patch; {@code statusExists} false adds an empty status object first. */
    public static String setFields(boolean statusExists, Map<String, Object> fields) {
        List<Map<String, Object>> ops = new ArrayList<>();
        if (!statusExists) {
            ops.add(Map.of("op", "add", "path", "/status", "value", Map.of()));
        }
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (field.getValue() != null) {
                ops.add(Map.of("op", "add", "path", "/status/" + field.getKey(), "value", field.getValue()));
            }
        }
        return Serialization.asJson(ops);
    }
}
