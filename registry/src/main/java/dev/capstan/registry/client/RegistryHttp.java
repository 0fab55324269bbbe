package dev.capstan.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * The HTTP exchange with a Confluent-compatible registry: JSON in, JSON out, error answers and I/O failures turned
 * into {@link RegistryException}s. Thread-safe. Messages name the method and URL, never the credentials.
 */
final class RegistryHttp {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; q=0.9, "
            + "application/json; q=0.5";
    private static final int MAX_ERROR_TEXT = 300;

    private final String base;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttp(URI baseUrl, String username, String password, Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the registry URL must not contain credentials; pass username and password");
        }
        String scheme = baseUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the registry URL must be an absolute http(s) URL, got " + baseUrl);
        }
        String text = baseUrl.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.authorization = username == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** A path segment, percent-encoded (a space is {@code %20}, a slash {@code %2F}). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    ObjectMapper json() {
        return json;
    }

    /** Sends {@code body} (a JSON tree, or null for none) and answers the JSON answer. */
    JsonNode call(String method, String path, JsonNode body) throws RegistryException {
        String text = send(method, path, body);
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new RegistryException(method + " " + base + path + ": the answer is not JSON: "
                    + abbreviate(text), 200, 0, null);
        }
    }

    @Override
    public String toString() {
        return base;
    }

    private String send(String method, String path, JsonNode body) throws RegistryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", ACCEPT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RegistryException(method + " " + base + path + ": no answer: " + describe(e), 0, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(method + " " + base + path + ": interrupted", 0, 0, e);
        }
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return response.body();
        }
        throw error(method, path, response.statusCode(), response.body());
    }

    private RegistryException error(String method, String path, int status, String body) {
        int errorCode = 0;
        String message = abbreviate(body);
        try {
            JsonNode error = json.readTree(body);
            if (error != null && error.isObject()) {
                errorCode = error.path("error_code").asInt(0);
                message = error.path("message").asText(message);
            }
        } catch (IOException notJson) {
            // an answer from a proxy or a servlet container: keep its text
        }
        return new RegistryException(method + " " + base + path + ": HTTP " + status
                + (errorCode == 0 ? "" : " error " + errorCode) + ": " + message, status, errorCode, null);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_ERROR_TEXT ? line : line.substring(0, MAX_ERROR_TEXT) + "...";
    }
}
