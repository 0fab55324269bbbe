package dev.capstan.api.v1alpha1.source;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a masked column's value is replaced. */
public enum MaskFunction {
    @JsonProperty("sha256")
    SHA256,
    @JsonProperty("redact")
    REDACT
}
