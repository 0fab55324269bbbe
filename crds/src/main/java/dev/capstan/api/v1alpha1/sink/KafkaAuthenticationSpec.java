package dev.capstan.api.v1alpha1.sink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.Rules;
import dev.capstan.api.v1alpha1.SecretRef;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Client authentication to Kafka. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Rules.AUTHENTICATION_SECRET, message = Rules.AUTHENTICATION_SECRET_MESSAGE)
public class KafkaAuthenticationSpec {

    @Required
    @JsonPropertyDescription("scram-sha-256 or scram-sha-512: SASL SCRAM with credentialsSecretRef; tls: mutual TLS "
            + "with certificateSecretRef (needs tls to be set).")
    private KafkaAuthenticationType type;

    @JsonPropertyDescription("For SCRAM: Secret with keys username and password.")
    private SecretRef credentialsSecretRef;

    @JsonPropertyDescription("For mutual TLS: Secret of type kubernetes.io/tls with keys tls.crt and tls.key (PEM).")
    private SecretRef certificateSecretRef;

    public KafkaAuthenticationType getType() {
        return type;
    }

    public void setType(KafkaAuthenticationType type) {
        this.type = type;
    }

    public SecretRef getCredentialsSecretRef() {
        return credentialsSecretRef;
    }

    public void setCredentialsSecretRef(SecretRef credentialsSecretRef) {
        this.credentialsSecretRef = credentialsSecretRef;
    }

    public SecretRef getCertificateSecretRef() {
        return certificateSecretRef;
    }

    public void setCertificateSecretRef(SecretRef certificateSecretRef) {
        this.certificateSecretRef = certificateSecretRef;
    }
}
