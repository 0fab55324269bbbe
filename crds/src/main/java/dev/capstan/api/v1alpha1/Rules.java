package dev.capstan.api.v1alpha1;

/**
 * The CEL rules ({@code x-kubernetes-validations}) of the CRDs with their messages, as compile-time constants so the
 * model annotations and {@code dev.capstan.api.validation.ManifestValidator} (which mirrors them in Java) share them.
 */
public final class Rules {

    /** On {@code spec.source}. */
    public static final String ONE_SOURCE = "has(self.postgres) != has(self.mysql)";
    public static final String ONE_SOURCE_MESSAGE = "exactly one of postgres or mysql must be set";

    /** On {@code spec}, reported at {@code spec.schemaPolicyRef}. */
    public static final String AVRO_NEEDS_POLICY =
            "!has(self.format) || self.format != 'avro' || has(self.schemaPolicyRef)";
    public static final String AVRO_NEEDS_POLICY_MESSAGE = "schemaPolicyRef is required when format is avro";

    /** On {@code spec.snapshot}, reported at {@code spec.snapshot.requests}. */
    public static final String UNIQUE_REQUEST_IDS =
            "!has(self.requests) || self.requests.all(r, self.requests.exists_one(o, o.id == r.id))";
    public static final String UNIQUE_REQUEST_IDS_MESSAGE = "snapshot request ids must be unique";

    /** On {@code spec.sink.kafka.authentication}. */
    public static final String AUTHENTICATION_SECRET =
            "self.type == 'tls' ? has(self.certificateSecretRef) : has(self.credentialsSecretRef)";
    public static final String AUTHENTICATION_SECRET_MESSAGE = "type tls requires certificateSecretRef, "
            + "types scram-sha-256 and scram-sha-512 require credentialsSecretRef";

    private Rules() {
    }
}
