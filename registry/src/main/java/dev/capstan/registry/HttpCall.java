package dev.capstan.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the routes see it: the method, the decoded path segments (without the {@value #CCOMPAT_PREFIX}
 * prefix, so both URL layouts reach the same handlers), the query and the JSON body. Not thread-safe; used by the
 * thread that serves the request.
 */
final class HttpCall {

    /** The path under which Apicurio (and clients configured for it) serve the Confluent API. */
    static final String CCOMPAT_PREFIX = "/apis/ccompat/v7";
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final HttpExchange exchange;
    private final List<String> path;
    private final Map<String, String> query;

    private HttpCall(HttpExchange exchange, List<String> path, Map<String, String> query) {
        this.exchange = exchange;
        this.path = path;
        this.query = query;
    }

    /** @throws ErrorResponse 400 for a malformed percent-encoding */
    static HttpCall of(HttpExchange exchange) {
        String rawPath = exchange.getRequestURI().getRawPath();
        if (rawPath.equals(CCOMPAT_PREFIX) || rawPath.startsWith(CCOMPAT_PREFIX + "/")) {
            rawPath = rawPath.substring(CCOMPAT_PREFIX.length());
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment.replace("+", "%2B")));
            }
        }
        Map<String, String> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                query.put(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return new HttpCall(exchange, List.copyOf(segments), Map.copyOf(query));
    }

    String method() {
        return exchange.getRequestMethod();
    }

    /** The decoded path segments, e.g. {@code [subjects, my topic-value, versions]}. */
    List<String> path() {
        return path;
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /**
     * The body as JSON, whatever the content type says.
     *
     * @throws ErrorResponse 400 when it is empty, too large or not JSON
     */
    JsonNode body() {
        String text;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw ErrorResponse.badRequest("The request body is larger than " + MAX_BODY + " bytes");
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ErrorResponse.badRequest("Cannot read the request body: " + e.getMessage());
        }
        if (text.isBlank()) {
            throw ErrorResponse.badRequest("The request needs a JSON body");
        }
        try {
            return RegistryJson.parse(text);
        } catch (JsonProcessingException e) {
            throw ErrorResponse.badRequest("The request body is not JSON: " + e.getOriginalMessage());
        }
    }

    /** Sends {@code reply} on {@code exchange}; the caller closes the exchange. */
    static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", Reply.CONTENT_TYPE);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ErrorResponse.badRequest("Malformed percent-encoding in '" + text + "'");
        }
    }
}
