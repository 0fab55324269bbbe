package dev.capstan.registry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An answer to a request: a status and a JSON body, sent as {@code application/vnd.schemaregistry.v1+json}.
 *
 * @param status the HTTP status
 * @param body the body, JSON text
 */
record Reply(int status, String body) {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** 200 with {@code json}. */
    static Reply of(JsonNode json) {
        return new Reply(200, json.toString());
    }

    /** 200 with {@code text}, already JSON (a stored schema). */
    static Reply raw(String text) {
        return new Reply(200, text);
    }

    static Reply error(ErrorResponse error) {
        return new Reply(error.status(), error.body().toString());
    }
}
