package dev.capstan.api.v1alpha1.policy;

/** Compatibility levels of a Confluent-compatible schema registry; JSON values are the constant names. */
public enum SchemaCompatibility {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE
}
