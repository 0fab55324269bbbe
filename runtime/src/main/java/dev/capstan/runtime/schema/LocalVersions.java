package dev.capstan.runtime.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.capstan.runtime.offsets.OffsetStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Schema versions of a JSON pipeline without a schema policy, kept in the offsets topic (key
 * {@code schema/<subject>}), so version numbers and schema-change notifications survive restarts without a
 * registry. Ids are the version numbers.
 *
 * <p>Thread-safe (synchronized; the offset store is written once per new version).
 */
public final class LocalVersions implements SchemaVersions {

    private final java.util.function.Supplier<OffsetStore> store;

    /** @param store the pipeline's offset store, available before the first event */
    public LocalVersions(java.util.function.Supplier<OffsetStore> store) {
        this.store = store;
    }

    @Override
    public synchronized Optional<Version> find(String subject, Schema schema) {
        return history(subject).stream().filter(v -> v.schema().equals(schema)).findFirst();
    }

    @Override
    public synchronized List<Version> history(String subject) {
        List<Version> versions = new ArrayList<>();
        for (JsonNode v : store.get().get(key(subject)).map(n -> n.path("versions")).orElse(OffsetStore.json()
                .createArrayNode())) {
            int version = v.path("version").asInt();
            versions.add(new Version(version, version, new Schema.Parser().parse(v.path("schema").asText())));
        }
        return versions;
    }

    @Override
    public synchronized Version register(String subject, Schema schema, boolean override) {
        Optional<Version> existing = find(subject, schema);
        if (existing.isPresent()) {
            return existing.get();
        }
        ObjectNode document = store.get().get(key(subject)).map(n -> ((ObjectNode) n).deepCopy())
                .orElseGet(() -> OffsetStore.json().createObjectNode());
        ArrayNode versions = document.has("versions") ? (ArrayNode) document.get("versions")
                : document.putArray("versions");
        int version = versions.size() + 1;
        versions.addObject().put("version", version).put("schema", schema.toString());
        store.get().put(key(subject), document);
        return new Version(version, version, schema);
    }

    private static String key(String subject) {
        return "schema/" + subject;
    }
}
