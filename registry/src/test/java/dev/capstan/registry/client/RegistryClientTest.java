package dev.capstan.registry.client;

import static dev.capstan.registry.TestSchemas.field;
import static dev.capstan.registry.TestSchemas.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.capstan.registry.RegistryServer;
import dev.capstan.registry.RegistrySettings;
import dev.capstan.registry.compat.CompatibilityMode;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.WithKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

@WithKafka
class RegistryClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String PASSWORD = "pa55-w0rd-never-shown";
    private static final Schema V1 = row(field("amount", "'long'"));
    private static final Schema V2 = row(field("amount", "'long'"), field("note", "['null','string']", "null"));
    private static final Schema NARROWED = row(field("amount", "'int'"));

    private static RegistryServer server;
    private static RegistryServer secured;

    @BeforeAll
    static void start(KafkaBroker kafka) {
        server = RegistryServer.start(RegistrySettings.builder(kafka.bootstrapServers())
                .topic("schemas-" + UUID.randomUUID()).host("127.0.0.1").build());
        secured = RegistryServer.start(RegistrySettings.builder(kafka.bootstrapServers())
                .topic("schemas-" + UUID.randomUUID()).host("127.0.0.1").basicAuth("capstan", PASSWORD).build());
    }

    @AfterAll
    static void stop() {
        server.close();
        secured.close();
    }

    @Test
    void registersAndReadsBack() throws Exception {
        RegistryClient client = client(server.url());
        String subject = "reads-value";

        assertThat(client.versions(subject)).isEmpty();
        assertThat(client.latest(subject)).isEmpty();
        assertThat(client.lookup(subject, V1)).isEmpty();
        int first = client.register(subject, V1);
        assertThat(client.register(subject, V1)).isEqualTo(first);
        int second = client.register(subject, V2);
        assertThat(second).isEqualTo(first + 1);

        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(client.version(subject, 1)).isEqualTo(new RegisteredSchema(subject, first, 1, V1));
        assertThat(client.latest(subject)).contains(new RegisteredSchema(subject, second, 2, V2));
        assertThat(client.lookup(subject, V2)).contains(new RegisteredSchema(subject, second, 2, V2));
        assertThat(client.lookup(subject, NARROWED)).isEmpty();
        assertThat(client(server.url()).schemaById(second)).isEqualTo(V2);
        assertThat(client.register("reads-key", V2)).isEqualTo(second);

        RegistryException noVersion = thrown(() -> client.version(subject, 9));
        assertThat(noVersion.httpStatus()).isEqualTo(404);
        assertThat(noVersion.errorCode()).isEqualTo(40402);
        assertThat(noVersion.retriable()).isFalse();
        assertThat(noVersion.incompatible()).isFalse();
        assertThat(thrown(() -> client.version("no-such-subject", 1)).errorCode()).isEqualTo(40401);
        RegistryException noSchema = thrown(() -> client.schemaById(9999));
        assertThat(noSchema.httpStatus()).isEqualTo(404);
        assertThat(noSchema.errorCode()).isEqualTo(40403);
        assertThat(noSchema.getMessage()).contains("GET " + server.url() + "/schemas/ids/9999", "40403");
    }

    @Test
    void reportsAnIncompatibleSchema() throws Exception {
        RegistryClient client = client(server.url());
        client.register("incompatible-value", V1);

        RegistryException refused = thrown(() -> client.register("incompatible-value", NARROWED));
        assertThat(refused.incompatible()).isTrue();
        assertThat(refused.httpStatus()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.retriable()).isFalse();
        assertThat(refused.getMessage()).contains("TYPE_MISMATCH", "/fields/0/type");
        assertThat(client.versions("incompatible-value")).containsExactly(1);
    }

    @Test
    void managesSubjectLevels() throws Exception {
        RegistryClient client = client(server.url());
        String subject = "levels-value";

        assertThat(client.subjectCompatibility(subject)).isEmpty();
        client.deleteSubjectCompatibility(subject);
        client.setSubjectCompatibility(subject, CompatibilityMode.FULL_TRANSITIVE);
        assertThat(client.subjectCompatibility(subject)).contains(CompatibilityMode.FULL_TRANSITIVE);
        client.setSubjectCompatibility(subject, CompatibilityMode.NONE);
        assertThat(client.subjectCompatibility(subject)).contains(CompatibilityMode.NONE);
        client.register(subject, V1);
        assertThat(client.register(subject, NARROWED)).isPositive();
        client.deleteSubjectCompatibility(subject);
        assertThat(client.subjectCompatibility(subject)).isEmpty();
        client.deleteSubjectCompatibility(subject);
        // back under the global BACKWARD: a string cannot read the int of version 2
        assertThat(thrown(() -> client.register(subject, row(field("amount", "'string'")))).incompatible()).isTrue();
    }

    @Test
    void worksUnderAPathPrefixAndWithUnusualSubjects() throws Exception {
        RegistryClient prefixed = client(URI.create(server.url() + "/apis/ccompat/v7/"));
        String subject = "harbor.public.odd name/with+signs-ü";

        int id = prefixed.register(subject, V1);
        assertThat(prefixed.versions(subject)).containsExactly(1);
        assertThat(client(server.url()).latest(subject)).contains(new RegisteredSchema(subject, id, 1, V1));
        prefixed.setSubjectCompatibility(subject, CompatibilityMode.FORWARD);
        assertThat(client(server.url()).subjectCompatibility(subject)).contains(CompatibilityMode.FORWARD);
    }

    @Test
    void aWrongBaseUrlIsAnErrorNotAnEmptyAnswer() {
        RegistryClient wrong = client(URI.create(server.url() + "/not-the-api"));

        RegistryException lookup = thrown(() -> wrong.lookup("reads-value", V1));
        assertThat(lookup.httpStatus()).isEqualTo(404);
        assertThat(lookup.errorCode()).isEqualTo(404);
        assertThat(thrown(() -> wrong.deleteSubjectCompatibility("x")).httpStatus()).isEqualTo(404);
        assertThat(thrown(() -> wrong.versions("x")).errorCode()).isEqualTo(404);
        assertThat(thrown(() -> wrong.latest("x")).errorCode()).isEqualTo(404);
        assertThat(thrown(() -> wrong.subjectCompatibility("x")).errorCode()).isEqualTo(404);
    }

    @Test
    void authenticatesWithoutRevealingThePassword() throws Exception {
        RegistryClient authorized = new RegistryClient(secured.url(), "capstan", PASSWORD, TIMEOUT);
        assertThat(authorized.register("secured-value", V1)).isEqualTo(1);
        assertThat(authorized.schemaById(1)).isEqualTo(V1);

        RegistryException wrong = thrown(() -> new RegistryClient(secured.url(), "capstan", "guess", TIMEOUT)
                .versions("secured-value"));
        assertThat(wrong.httpStatus()).isEqualTo(401);
        assertThat(wrong.retriable()).isFalse();
        RegistryException anonymous = thrown(() -> client(secured.url()).versions("secured-value"));
        assertThat(anonymous.httpStatus()).isEqualTo(401);

        List<Throwable> failures = new ArrayList<>(List.of(wrong, anonymous));
        failures.add(thrown(() -> new RegistryClient(closedPort(), "capstan", PASSWORD, TIMEOUT).register("x", V1)));
        failures.add(thrown(() -> new RegistryClient(secured.url(), "other", PASSWORD, TIMEOUT).register("x", V1)));
        failures.add(thrown(() -> new RegistryClient(secured.url(), "capstan", PASSWORD, TIMEOUT)
                .version("secured-value", 5)));
        IllegalArgumentException inUrl = assertThrows(IllegalArgumentException.class,
                () -> new RegistryClient(URI.create("http://capstan:" + PASSWORD + "@127.0.0.1:1"), null, null,
                        TIMEOUT));
        failures.add(inUrl);
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
                assertThat(t.toString()).doesNotContain(PASSWORD);
            }
        }
    }

    @Test
    void anUnreachableRegistryIsRetriable() throws Exception {
        URI closed = closedPort();
        RegistryException refused = thrown(() -> client(closed).register("x", V1));
        assertThat(refused.httpStatus()).isZero();
        assertThat(refused.errorCode()).isZero();
        assertThat(refused.retriable()).isTrue();
        assertThat(refused.incompatible()).isFalse();
        assertThat(refused.getMessage()).startsWith("POST " + closed + "/subjects/x/versions: no answer: ");
        assertThat(refused.getCause()).isInstanceOf(IOException.class);

        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RegistryClient impatient = new RegistryClient(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    null, null, Duration.ofMillis(300));
            RegistryException timedOut = thrown(() -> impatient.versions("x"));
            assertThat(timedOut.httpStatus()).isZero();
            assertThat(timedOut.retriable()).isTrue();
            assertThat(timedOut.getMessage()).contains("HttpTimeoutException");
        }
    }

    @Test
    void classifiesErrorAnswers() throws Throwable {
        assertAnswer(503, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}", e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.errorCode()).isEqualTo(50001);
            assertThat(e.getMessage()).endsWith("HTTP 503 error 50001: Error in the backend data store");
        });
        assertAnswer(429, "slow down", e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.errorCode()).isZero();
            assertThat(e.getMessage()).endsWith("HTTP 429: slow down");
        });
        assertAnswer(408, "", e -> assertThat(e.retriable()).isTrue());
        assertAnswer(500, "<html>oops</html>", e -> assertThat(e.retriable()).isTrue());
        assertAnswer(403, "{\"error_code\":40301,\"message\":\"forbidden\"}", e -> {
            assertThat(e.retriable()).isFalse();
            assertThat(e.errorCode()).isEqualTo(40301);
        });
        assertAnswer(200, "not json", e -> {
            assertThat(e.httpStatus()).isEqualTo(200);
            assertThat(e.retriable()).isFalse();
        });
    }

    @Test
    void refusesABadBaseUrl() {
        assertThatThrownBy(() -> client(URI.create("ftp://host/registry")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> client(URI.create("registry:8081"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertAnswer(int status, String body, ThrowingConsumer<RegistryException> check)
            throws Throwable {
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        stub.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
            RegistryException e = thrown(() -> client(url).versions("s"));
            assertThat(e.httpStatus()).isEqualTo(status);
            check.accept(e);
        } finally {
            stub.stop(0);
        }
    }

    private static RegistryClient client(URI url) {
        return new RegistryClient(url, null, null, TIMEOUT);
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static RegistryException thrown(Call call) {
        try {
            call.run();
        } catch (RegistryException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a RegistryException, got " + e, e);
        }
        throw new AssertionError("expected a RegistryException, nothing was thrown");
    }
}
