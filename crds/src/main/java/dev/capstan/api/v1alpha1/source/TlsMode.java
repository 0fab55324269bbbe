package dev.capstan.api.v1alpha1.source;

import com.fasterxml.jackson.annotation.JsonProperty;

/** TLS mode of a source connection, named as PostgreSQL's sslmode. */
public enum TlsMode {
    @JsonProperty("disable")
    DISABLE,
    @JsonProperty("require")
    REQUIRE,
    @JsonProperty("verify-full")
    VERIFY_FULL
}
