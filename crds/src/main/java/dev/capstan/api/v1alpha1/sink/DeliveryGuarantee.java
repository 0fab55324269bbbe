package dev.capstan.api.v1alpha1.sink;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Delivery guarantee towards Kafka. */
public enum DeliveryGuarantee {
    @JsonProperty("at_least_once")
    AT_LEAST_ONCE,
    /** Kafka transactions: a read_committed consumer sees each source transaction once, whole. */
    @JsonProperty("exactly_once")
    EXACTLY_ONCE
}
