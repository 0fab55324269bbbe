package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Encoding of the change events written to Kafka. */
public enum Format {
    /** The Debezium envelope as JSON. */
    @JsonProperty("json")
    JSON,
    /** The Debezium envelope as Avro in the Confluent wire format, schemas in a registry. */
    @JsonProperty("avro")
    AVRO
}
