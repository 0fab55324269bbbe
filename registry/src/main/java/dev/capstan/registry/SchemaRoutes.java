package dev.capstan.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.apache.avro.Schema;

/** The handlers of {@code /subjects/...} and {@code /schemas/...}: registration and reads. Thread-safe. */
final class SchemaRoutes {

    private final SchemaStore store;
    private final RegistryState state;

    SchemaRoutes(SchemaStore store) {
        this.store = store;
        this.state = store.state();
    }

    /** {@code GET /subjects}: the subjects that have versions. */
    Reply subjects(HttpCall call, List<String> params) {
        ArrayNode subjects = RegistryJson.array();
        state.subjects().forEach(subjects::add);
        return Reply.of(subjects);
    }

    /** {@code POST /subjects/{s}/versions}: registers a schema, answers {@code {"id": n}}. */
    Reply register(HttpCall call, List<String> params) {
        Schema schema = SchemaRequest.schema(call.body());
        SubjectVersion version = store.register(params.get(0), schema);
        return Reply.of(RegistryJson.object().put("id", version.schema().id()));
    }

    /** {@code POST /subjects/{s}}: the version of the subject that has the schema. */
    Reply lookup(HttpCall call, List<String> params) {
        String subject = params.get(0);
        Schema schema = SchemaRequest.schema(call.body());
        if (!state.hasSubject(subject)) {
            throw ErrorResponse.subjectNotFound(subject);
        }
        SubjectVersion version = state.find(subject, schema.toString())
                .orElseThrow(() -> ErrorResponse.schemaNotFound("under subject '" + subject + "'"));
        return Reply.of(RegistryJson.subjectVersion(version));
    }

    /** {@code GET /subjects/{s}/versions}. */
    Reply versions(HttpCall call, List<String> params) {
        String subject = params.get(0);
        if (!state.hasSubject(subject)) {
            throw ErrorResponse.subjectNotFound(subject);
        }
        ArrayNode versions = RegistryJson.array();
        state.versions(subject).forEach(versions::add);
        return Reply.of(versions);
    }

    /** {@code GET /subjects/{s}/versions/{v|latest|-1}}. */
    Reply version(HttpCall call, List<String> params) {
        return Reply.of(RegistryJson.subjectVersion(resolve(state, params.get(0), params.get(1))));
    }

    /** {@code GET /subjects/{s}/versions/{v}/schema}: the schema itself. */
    Reply rawSchema(HttpCall call, List<String> params) {
        return Reply.raw(resolve(state, params.get(0), params.get(1)).schema().text());
    }

    /** {@code GET /schemas/ids/{id}}: {@code {"schema": "..."}}. */
    Reply byId(HttpCall call, List<String> params) {
        StoredSchema schema = schema(params.get(0));
        return Reply.of(RegistryJson.object().put("schema", schema.text()));
    }

    /** {@code GET /schemas/ids/{id}/versions}: the subject versions that use the schema. */
    Reply idVersions(HttpCall call, List<String> params) {
        StoredSchema schema = schema(params.get(0));
        ArrayNode usages = RegistryJson.array();
        state.usages(schema.id()).forEach(usage -> usages.addObject()
                .put("subject", usage.subject()).put("version", usage.version()));
        return Reply.of(usages);
    }

    /** {@code GET /schemas/types}. */
    Reply types(HttpCall call, List<String> params) {
        return Reply.of(RegistryJson.array().add("AVRO"));
    }

    /**
     * The version {@code version} ({@code latest}, {@code -1} or a number) of {@code subject}.
     *
     * @throws ErrorResponse 40401 unknown subject, 40402 unknown version, 42202 not a version
     */
    static SubjectVersion resolve(RegistryState state, String subject, String version) {
        boolean latest = version.equals("latest") || version.equals("-1");
        int number = latest ? 0 : versionNumber(version);
        if (!state.hasSubject(subject)) {
            throw ErrorResponse.subjectNotFound(subject);
        }
        return (latest ? state.latest(subject) : state.version(subject, number))
                .orElseThrow(() -> ErrorResponse.versionNotFound(subject, number));
    }

    private static int versionNumber(String version) {
        try {
            int number = Integer.parseInt(version);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ErrorResponse.invalidVersion(version);
    }

    private StoredSchema schema(String id) {
        try {
            return state.schema(Integer.parseInt(id)).orElseThrow(() -> ErrorResponse.schemaNotFound("id " + id));
        } catch (NumberFormatException e) {
            throw ErrorResponse.schemaNotFound("id " + id);
        }
    }
}
