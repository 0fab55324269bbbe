package dev.capstan.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.capstan.registry.compat.CompatibilityMode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;

/**
 * A client of a Confluent-compatible schema registry (Capstan's own, Confluent's, Apicurio's {@code ccompat} API)
 * for Avro schemas. Every method blocks for at most about twice the timeout and throws {@link RegistryException}
 * on an error answer or when the registry cannot be reached; see {@link RegistryException#retriable()}.
 *
 * <p>Schemas fetched by id are cached (an id never changes its schema). Thread-safe.
 *
 * <pre>{@code
 * RegistryClient registry = new RegistryClient(URI.create("http://registry:8081"), null, null, Duration.ofSeconds(10));
 * int id = registry.register("harbor.public.bookings-value", schema);
 * }</pre>
 */
public final class RegistryClient {

    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int VERSION_NOT_FOUND = 40402;
    private static final int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;

    private final RegistryHttp http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /**
     * @param baseUrl the registry, with or without a path: {@code http://host:8081},
     *     {@code http://host:8080/apis/ccompat/v7}; must not contain credentials
     * @param username the basic-auth user, or null for no authentication
     * @param password the basic-auth password (null means empty); never logged nor put in a message
     * @param timeout the connect timeout and the timeout of each request
     * @throws IllegalArgumentException if the URL is not an absolute http(s) URL or contains credentials
     */
    public RegistryClient(URI baseUrl, String username, String password, Duration timeout) {
        this.http = new RegistryHttp(baseUrl, username, password, timeout);
    }

    /**
     * Registers {@code schema} under {@code subject} and answers its global id; the id of the existing version when
     * the subject has this schema already.
     *
     * @throws RegistryException {@link RegistryException#incompatible()} when the subject's compatibility level
     *     refuses it (HTTP 409), error 42201 for a schema the registry does not accept
     */
    public int register(String subject, Schema schema) throws RegistryException {
        JsonNode answer = http.call("POST", subjectPath(subject) + "/versions", schemaBody(schema));
        int id = requiredInt(answer, "id");
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /**
     * The version of {@code subject} that has {@code schema}; empty when the registry says the subject or the schema
     * is unknown (HTTP 404 with a {@code 404xx} error code; a plain 404, such as a wrong URL, is an error).
     */
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) throws RegistryException {
        try {
            return Optional.of(registered(http.call("POST", subjectPath(subject), schemaBody(schema))));
        } catch (RegistryException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The schema with global id {@code id}.
     *
     * @throws RegistryException HTTP 404 error 40403 when there is none
     */
    public Schema schemaById(int id) throws RegistryException {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = parse(http.call("GET", "/schemas/ids/" + id, null), "schema id " + id);
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    /** The versions of {@code subject}, ascending; empty when the subject does not exist. */
    public List<Integer> versions(String subject) throws RegistryException {
        JsonNode answer;
        try {
            answer = http.call("GET", subjectPath(subject) + "/versions", null);
        } catch (RegistryException e) {
            if (e.errorCode() == SUBJECT_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        List<Integer> versions = new ArrayList<>();
        answer.forEach(version -> versions.add(version.asInt()));
        return List.copyOf(versions);
    }

    /**
     * Version {@code version} of {@code subject}.
     *
     * @throws RegistryException HTTP 404 with error 40401 (no such subject) or 40402 (no such version)
     */
    public RegisteredSchema version(String subject, int version) throws RegistryException {
        return registered(http.call("GET", subjectPath(subject) + "/versions/" + version, null));
    }

    /** The latest version of {@code subject}; empty when the subject does not exist. */
    public Optional<RegisteredSchema> latest(String subject) throws RegistryException {
        try {
            return Optional.of(registered(http.call("GET", subjectPath(subject) + "/versions/latest", null)));
        } catch (RegistryException e) {
            if (e.errorCode() == SUBJECT_NOT_FOUND || e.errorCode() == VERSION_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The compatibility level set on {@code subject} itself; empty when it follows the global level. */
    public Optional<CompatibilityMode> subjectCompatibility(String subject) throws RegistryException {
        JsonNode answer;
        try {
            answer = http.call("GET", "/config/" + RegistryHttp.segment(subject) + "?defaultToGlobal=false", null);
        } catch (RegistryException e) {
            if (e.errorCode() == SUBJECT_LEVEL_NOT_CONFIGURED || e.errorCode() == SUBJECT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        JsonNode level = answer.path("compatibilityLevel");
        if (level.isMissingNode()) {
            level = answer.path("compatibility");
        }
        return level.isTextual() ? Optional.of(CompatibilityMode.parse(level.asText())) : Optional.empty();
    }

    /** Sets {@code subject}'s own compatibility level. */
    public void setSubjectCompatibility(String subject, CompatibilityMode mode) throws RegistryException {
        Objects.requireNonNull(mode, "mode");
        ObjectNode body = http.json().createObjectNode().put("compatibility", mode.name());
        http.call("PUT", "/config/" + RegistryHttp.segment(subject), body);
    }

    /**
     * Removes {@code subject}'s own compatibility level, so the global one applies; no error when it has none (HTTP
     * 404 with a {@code 404xx} error code).
     */
    public void deleteSubjectCompatibility(String subject) throws RegistryException {
        try {
            http.call("DELETE", "/config/" + RegistryHttp.segment(subject), null);
        } catch (RegistryException e) {
            if (!notFound(e)) {
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return "RegistryClient[" + http + "]";
    }

    /** The registry's "no such subject / version / schema / level" answers: 404 with error code 40401...40499. */
    private static boolean notFound(RegistryException e) {
        return e.httpStatus() == 404 && e.errorCode() / 100 == 404;
    }

    private static String subjectPath(String subject) {
        Objects.requireNonNull(subject, "subject");
        return "/subjects/" + RegistryHttp.segment(subject);
    }

    private ObjectNode schemaBody(Schema schema) {
        Objects.requireNonNull(schema, "schema");
        return http.json().createObjectNode().put("schema", schema.toString());
    }

    private RegisteredSchema registered(JsonNode answer) throws RegistryException {
        int id = requiredInt(answer, "id");
        Schema schema = schemasById.get(id);
        if (schema == null) {
            schema = parse(answer, "schema id " + id);
            schemasById.putIfAbsent(id, schema);
        }
        return new RegisteredSchema(answer.path("subject").asText(), id, requiredInt(answer, "version"), schema);
    }

    private static int requiredInt(JsonNode answer, String field) throws RegistryException {
        JsonNode value = answer.path(field);
        if (!value.canConvertToInt()) {
            throw new RegistryException("the registry's answer has no '" + field + "': " + abbreviate(answer), 200,
                    0, null);
        }
        return value.asInt();
    }

    private static Schema parse(JsonNode answer, String what) throws RegistryException {
        JsonNode text = answer.path("schema");
        if (!text.isTextual()) {
            throw new RegistryException("the registry's answer for " + what + " has no schema", 200, 0, null);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (AvroRuntimeException e) {
            throw new RegistryException("the registry's schema for " + what + " is not a valid Avro schema: "
                    + e.getMessage(), 200, 0, e);
        }
    }

    private static String abbreviate(JsonNode answer) {
        String text = String.valueOf(answer);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
