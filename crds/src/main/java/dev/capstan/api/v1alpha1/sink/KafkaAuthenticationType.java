package dev.capstan.api.v1alpha1.sink;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kafka client authentication mechanism. */
public enum KafkaAuthenticationType {
    @JsonProperty("scram-sha-256")
    SCRAM_SHA_256,
    @JsonProperty("scram-sha-512")
    SCRAM_SHA_512,
    /** Mutual TLS with a client certificate. */
    @JsonProperty("tls")
    TLS
}
