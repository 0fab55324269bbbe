package dev.capstan.api.v1alpha1.sink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.SecretRef;

/** TLS to the Kafka brokers; present means enabled. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaTlsSpec {

    @JsonPropertyDescription("Secret with key ca.crt (PEM) to verify the brokers' certificates with. Unset: the JVM's "
            + "default trust store.")
    private SecretRef caSecretRef;

    public SecretRef getCaSecretRef() {
        return caSecretRef;
    }

    public void setCaSecretRef(SecretRef caSecretRef) {
        this.caSecretRef = caSecretRef;
    }
}
