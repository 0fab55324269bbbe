package dev.capstan.api.v1alpha1.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.Patterns;
import dev.capstan.api.v1alpha1.SecretRef;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Confluent-compatible schema registry (Confluent, Apicurio ccompat, Karapace, Redpanda). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SchemaRegistrySpec {

    @Required
    @Pattern(Patterns.HTTP_URL)
    @JsonPropertyDescription("Base URL of the registry's Confluent-compatible API, e.g. "
            + "http://registry:8080/apis/ccompat/v7.")
    private String url;

    @JsonPropertyDescription("Secret with keys username and password for HTTP basic authentication. Unset: no "
            + "authentication.")
    private SecretRef credentialsSecretRef;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public SecretRef getCredentialsSecretRef() {
        return credentialsSecretRef;
    }

    public void setCredentialsSecretRef(SecretRef credentialsSecretRef) {
        this.credentialsSecretRef = credentialsSecretRef;
    }
}
