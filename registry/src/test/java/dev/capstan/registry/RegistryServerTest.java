package dev.capstan.registry;

import static dev.capstan.registry.TestSchemas.field;
import static dev.capstan.registry.TestSchemas.rowText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.registry.Http.Answer;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.WithKafka;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithKafka
class RegistryServerTest {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String V1 = rowText(field("a", "'long'"));
    private static final String V2 = rowText(field("a", "'long'"), field("b", "'string'", "'x'"));
    private static final String NARROWED = rowText(field("a", "'int'"));

    private RegistryServer server;
    private Http http;

    @BeforeEach
    void start(KafkaBroker kafka) {
        server = RegistryServer.start(RegistrySettings.builder(kafka.bootstrapServers())
                .topic("schemas-" + UUID.randomUUID()).host("127.0.0.1").build());
        http = Http.to(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registersIdempotentlyAndSharesIdsAcrossSubjects() {
        assertThat(register("orders-value", V1).json().toString()).isEqualTo("{\"id\":1}");
        assertThat(register("orders-value", V1).json().path("id").asInt()).isEqualTo(1);
        // the same schema, formatted differently, is the same schema
        assertThat(register("orders-value", V1.replace(",", " ,\n ")).json().path("id").asInt()).isEqualTo(1);
        assertThat(register("orders-key", V1).json().path("id").asInt()).isEqualTo(1);
        assertThat(register("orders-value", V2).json().path("id").asInt()).isEqualTo(2);
        assertThat(register("payments-value", V2).json().path("id").asInt()).isEqualTo(2);

        assertThat(http.get("/subjects/orders-value/versions").body()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects/orders-key/versions").body()).isEqualTo("[1]");
        assertThat(http.get("/subjects/payments-value/versions").body()).isEqualTo("[1]");
        assertThat(http.get("/subjects").body()).isEqualTo("[\"orders-key\",\"orders-value\",\"payments-value\"]");
    }

    @Test
    void readsVersionsLatestByIdAndRawSchema() {
        register("orders-value", V1);
        register("orders-value", V2);
        register("other-value", V2);
        String v2 = new Schema.Parser().parse(V2).toString();

        Answer first = http.get("/subjects/orders-value/versions/1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo(CONTENT_TYPE);
        assertThat(first.json().path("subject").asText()).isEqualTo("orders-value");
        assertThat(first.json().path("id").asInt()).isEqualTo(1);
        assertThat(first.json().path("version").asInt()).isEqualTo(1);
        assertThat(first.json().path("schema").asText()).isEqualTo(new Schema.Parser().parse(V1).toString());
        for (String latest : new String[] {"latest", "-1", "2"}) {
            Answer answer = http.get("/subjects/orders-value/versions/" + latest);
            assertThat(answer.json().path("version").asInt()).as(latest).isEqualTo(2);
            assertThat(answer.json().path("id").asInt()).as(latest).isEqualTo(2);
            assertThat(answer.json().path("schema").asText()).as(latest).isEqualTo(v2);
        }
        Answer byId = http.get("/schemas/ids/2");
        assertThat(byId.json().toString()).isEqualTo(Http.JSON.createObjectNode().put("schema", v2).toString());
        assertThat(http.get("/schemas/ids/2/versions").body())
                .isEqualTo("[{\"subject\":\"orders-value\",\"version\":2},{\"subject\":\"other-value\",\"version\":1}]");
        Answer raw = http.get("/subjects/orders-value/versions/2/schema");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(v2);
        assertThat(http.get("/subjects/orders-value/versions/latest/schema").body()).isEqualTo(v2);
        assertThat(http.get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
        assertThat(http.get("/").body()).isEqualTo("{}");
    }

    @Test
    void looksUpTheVersionOfASchema() {
        register("orders-value", V1);
        register("orders-value", V2);

        Answer found = http.postSchema("/subjects/orders-value", V1.replace("{", "{ "));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("subject").asText()).isEqualTo("orders-value");
        assertThat(found.json().path("id").asInt()).isEqualTo(1);
        assertThat(found.json().path("version").asInt()).isEqualTo(1);
        assertThat(found.json().path("schema").asText()).isEqualTo(new Schema.Parser().parse(V1).toString());

        Answer otherSchema = http.postSchema("/subjects/orders-value", NARROWED);
        assertThat(otherSchema.status()).isEqualTo(404);
        assertThat(otherSchema.errorCode()).isEqualTo(40403);
        Answer otherSubject = http.postSchema("/subjects/nothing-here", V1);
        assertThat(otherSubject.status()).isEqualTo(404);
        assertThat(otherSubject.errorCode()).isEqualTo(40401);
        assertThat(otherSubject.message()).isEqualTo("Subject 'nothing-here' not found.");
    }

    @Test
    void answersConfluentErrorCodes() {
        register("orders-value", V1);

        assertError(http.get("/subjects/unknown/versions"), 404, 40401);
        assertError(http.get("/subjects/unknown/versions/latest"), 404, 40401);
        assertError(http.get("/subjects/unknown/versions/1"), 404, 40401);
        assertError(http.get("/subjects/orders-value/versions/9"), 404, 40402);
        assertError(http.get("/subjects/orders-value/versions/9/schema"), 404, 40402);
        assertError(http.get("/subjects/orders-value/versions/abc"), 422, 42202);
        assertError(http.get("/subjects/orders-value/versions/0"), 422, 42202);
        assertError(http.get("/subjects/orders-value/versions/-2"), 422, 42202);
        assertError(http.get("/schemas/ids/99"), 404, 40403);
        assertError(http.get("/schemas/ids/x"), 404, 40403);
        assertError(http.get("/schemas/ids/99/versions"), 404, 40403);
        assertError(http.get("/no/such/route"), 404, 404);
        assertError(http.delete("/subjects"), 405, 405);
        Answer badJson = http.post("/subjects/orders-value/versions", "{not json");
        assertError(badJson, 400, 400);
        assertThat(badJson.contentType()).isEqualTo(CONTENT_TYPE);
    }

    @Test
    void refusesIncompatibleSchemasUnderBackwardAndAcceptsThemUnderNone() {
        register("orders-value", V1);

        Answer refused = register("orders-value", NARROWED);
        assertError(refused, 409, 409);
        assertThat(refused.message()).startsWith("Schema being registered is incompatible with an earlier schema "
                + "for subject \"orders-value\"").contains("TYPE_MISMATCH", "INT", "LONG", "/fields/0/type");
        assertThat(http.get("/subjects/orders-value/versions").body()).isEqualTo("[1]");

        assertThat(http.put("/config/orders-value", "{\"compatibility\":\"NONE\"}").status()).isEqualTo(200);
        assertThat(register("orders-value", NARROWED).json().path("id").asInt()).isEqualTo(2);
        assertThat(http.get("/subjects/orders-value/versions").body()).isEqualTo("[1,2]");
    }

    @Test
    void refusesInvalidAndNonAvroSchemas() throws Exception {
        assertError(register("s", "{\"type\": \"record\", \"name\": \"R\"}"), 422, 42201);
        assertError(register("s", "not a schema"), 422, 42201);
        Answer badDefault = register("s", rowText(field("a", "'int'", "'text'")));
        assertError(badDefault, 422, 42201);
        assertThat(badDefault.message()).startsWith("Invalid schema: ");
        assertError(http.post("/subjects/s/versions", "{\"schema\":\"syntax = 'proto3';\",\"schemaType\":\"PROTOBUF\"}"),
                422, 42201);
        assertError(http.post("/subjects/s/versions", "{\"schemaType\":\"AVRO\"}"), 422, 42201);
        assertError(http.post("/subjects/s/versions", Http.JSON.createObjectNode().put("schema", V1)
                .set("references", Http.JSON.readTree("[{\"name\":\"x\",\"subject\":\"y\",\"version\":1}]"))
                .toString()), 422, 42201);
        assertThat(http.post("/subjects/s/versions", Http.JSON.createObjectNode().put("schema", V1)
                .put("schemaType", "AVRO").set("references", Http.JSON.createArrayNode()).toString()).status())
                .isEqualTo(200);
        assertError(http.get("/subjects/unknown/versions"), 404, 40401);
    }

    @Test
    void checksCompatibilityWithoutRegistering() {
        register("orders-value", V1);

        Answer narrowed = http.postSchema("/compatibility/subjects/orders-value/versions/latest", NARROWED);
        assertThat(narrowed.status()).isEqualTo(200);
        assertThat(narrowed.json().path("is_compatible").asBoolean(true)).isFalse();
        assertThat(narrowed.json().path("messages")).hasSize(1);
        assertThat(narrowed.json().path("messages").get(0).asText()).isEqualTo("BACKWARD: the new schema cannot "
                + "read data written with schema 1 of 1 (latest): TYPE_MISMATCH: reader type: INT not compatible "
                + "with writer type: LONG at /fields/0/type");
        assertThat(http.postSchema("/compatibility/subjects/orders-value/versions", NARROWED).json()
                .path("is_compatible").asBoolean(true)).isFalse();
        assertThat(http.postSchema("/compatibility/subjects/orders-value/versions/1", V2).body())
                .isEqualTo("{\"is_compatible\":true,\"messages\":[]}");
        assertThat(http.postSchema("/compatibility/subjects/orders-value/versions", V2).body())
                .isEqualTo("{\"is_compatible\":true,\"messages\":[]}");
        assertThat(http.postSchema("/compatibility/subjects/new-subject/versions/latest", NARROWED).body())
                .isEqualTo("{\"is_compatible\":true,\"messages\":[]}");
        assertThat(http.postSchema("/compatibility/subjects/new-subject/versions", NARROWED).json()
                .path("is_compatible").asBoolean()).isTrue();
        assertError(http.postSchema("/compatibility/subjects/new-subject/versions/1", NARROWED), 404, 40401);
        assertError(http.postSchema("/compatibility/subjects/orders-value/versions/7", NARROWED), 404, 40402);
        assertError(http.postSchema("/compatibility/subjects/orders-value/versions/x", NARROWED), 422, 42202);
        assertThat(http.get("/subjects/orders-value/versions").body()).isEqualTo("[1]");
    }

    @Test
    void transitiveLevelsCheckEveryVersion() {
        String a = field("a", "'int'");
        register("t-value", rowText(a));
        register("t-value", rowText(a, field("b", "'int'", "0")));
        String dropsDefault = rowText(a, field("b", "'int'"));

        assertThat(http.postSchema("/compatibility/subjects/t-value/versions/latest", dropsDefault).json()
                .path("is_compatible").asBoolean()).isTrue();
        assertThat(http.put("/config/t-value", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}").status()).isEqualTo(200);
        Answer transitive = http.postSchema("/compatibility/subjects/t-value/versions/latest", dropsDefault);
        assertThat(transitive.json().path("is_compatible").asBoolean(true)).isFalse();
        assertThat(transitive.json().path("messages").get(0).asText()).contains("schema 1 of 2",
                "READER_FIELD_MISSING_DEFAULT_VALUE");
        assertError(register("t-value", dropsDefault), 409, 409);

        assertThat(http.put("/config/t-value", "{\"compatibility\":\"BACKWARD\"}").status()).isEqualTo(200);
        assertThat(register("t-value", dropsDefault).json().path("id").asInt()).isEqualTo(3);
    }

    @Test
    void setsTheGlobalLevel() {
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        Answer set = http.put("/config", "{\"compatibility\":\"full\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertError(http.put("/config", "{\"compatibility\":\"STRICT\"}"), 422, 42203);
        assertError(http.put("/config", "{\"compatibility\":5}"), 422, 42203);
        assertError(http.put("/config", "{}"), 422, 42203);
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");

        // the global level applies to registrations: FULL refuses a field without default
        register("g-value", V1);
        assertError(register("g-value", rowText(field("a", "'long'"), field("c", "'int'"))), 409, 409);

        assertThat(http.delete("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void setsSubjectLevels() {
        assertError(http.get("/config/orders-value"), 404, 40408);
        assertThat(http.get("/config/orders-value?defaultToGlobal=true").body())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        Answer set = http.put("/config/orders-value", "{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
        assertThat(set.body()).isEqualTo("{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
        assertThat(http.get("/config/orders-value").body())
                .isEqualTo("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}");
        assertThat(http.get("/config/orders-value?defaultToGlobal=true").body())
                .isEqualTo("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}");
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertError(http.put("/config/orders-value", "{\"compatibility\":\"SOMETIMES\"}"), 422, 42203);

        assertThat(http.delete("/config/orders-value").body())
                .isEqualTo("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}");
        assertError(http.get("/config/orders-value"), 404, 40408);
        assertError(http.delete("/config/orders-value"), 404, 40408);
    }

    @Test
    void servesTheSameApiUnderTheCcompatPrefix() {
        String prefix = "/apis/ccompat/v7";
        assertThat(http.postSchema(prefix + "/subjects/orders-value/versions", V1).json().path("id").asInt())
                .isEqualTo(1);
        assertThat(http.get("/subjects/orders-value/versions").body()).isEqualTo("[1]");
        assertThat(http.get(prefix + "/subjects/orders-value/versions/latest").json().path("id").asInt())
                .isEqualTo(1);
        assertThat(http.get(prefix + "/schemas/ids/1").json().path("schema").asText())
                .isEqualTo(new Schema.Parser().parse(V1).toString());
        assertThat(http.put(prefix + "/config", "{\"compatibility\":\"NONE\"}").status()).isEqualTo(200);
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(http.get(prefix + "/subjects").body()).isEqualTo("[\"orders-value\"]");
        assertError(http.get(prefix + "/nothing"), 404, 404);
    }

    @Test
    void decodesSubjectsInPaths() {
        String subject = "harbor.public.my table/ü+1-value";
        String encoded = URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");

        assertThat(register(encoded, V1).json().path("id").asInt()).isEqualTo(1);
        assertThat(http.get("/subjects").json().get(0).asText()).isEqualTo(subject);
        assertThat(http.get("/subjects/" + encoded + "/versions/1").json().path("subject").asText())
                .isEqualTo(subject);
        assertError(http.get("/subjects/" + encoded.replace("%20", "+") + "/versions"), 404, 40401);
    }

    @Test
    void requiresBasicAuthWhenConfigured(KafkaBroker kafka) {
        try (RegistryServer secured = RegistryServer.start(RegistrySettings.builder(kafka.bootstrapServers())
                .topic("schemas-" + UUID.randomUUID()).host("127.0.0.1").basicAuth("registry", "s3cret!").build())) {
            Http anonymous = Http.to(secured.url());
            Answer missing = anonymous.get("/subjects");
            assertError(missing, 401, 401);
            assertThat(missing.authenticate()).isEqualTo("Basic realm=\"capstan-registry\"");
            assertError(anonymous.withBasicAuth("registry", "wrong").get("/subjects"), 401, 401);
            assertError(anonymous.withBasicAuth("other", "s3cret!").postSchema("/subjects/x/versions", V1), 401, 401);

            Http authorized = anonymous.withBasicAuth("registry", "s3cret!");
            assertThat(authorized.get("/subjects").status()).isEqualTo(200);
            assertThat(authorized.postSchema("/subjects/x/versions", V1).json().path("id").asInt()).isEqualTo(1);
            assertThat(authorized.get("/apis/ccompat/v7/subjects").body()).isEqualTo("[\"x\"]");
        }
    }

    private Answer register(String subject, String schema) {
        return http.postSchema("/subjects/" + subject + "/versions", schema);
    }

    private static void assertError(Answer answer, int status, int errorCode) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.errorCode()).as(answer.body()).isEqualTo(errorCode);
        assertThat(answer.message()).isNotBlank();
        assertThat(answer.contentType()).isEqualTo(CONTENT_TYPE);
    }
}
