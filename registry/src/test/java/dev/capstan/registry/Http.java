package dev.capstan.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Raw HTTP calls to a registry, for tests that check status codes and bodies. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String authorization;

    private Http(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    static Http to(URI base) {
        return new Http(base, null);
    }

    Http withBasicAuth(String username, String password) {
        return new Http(base, "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** An answer: status, content type and body text (JSON for every registry answer). */
    record Answer(int status, String contentType, String body, String authenticate) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        int errorCode() {
            return json().path("error_code").asInt();
        }

        String message() {
            return json().path("message").asText();
        }
    }

    Answer get(String path) {
        return call("GET", path, null, "application/vnd.schemaregistry.v1+json");
    }

    Answer delete(String path) {
        return call("DELETE", path, null, null);
    }

    Answer post(String path, String body) {
        return call("POST", path, body, "application/vnd.schemaregistry.v1+json");
    }

    Answer put(String path, String body) {
        return call("PUT", path, body, "application/json");
    }

    /** {@code POST path} with {@code {"schema": schema}}. */
    Answer postSchema(String path, String schema) {
        return post(path, JSON.createObjectNode().put("schema", schema).toString());
    }

    Answer call(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
