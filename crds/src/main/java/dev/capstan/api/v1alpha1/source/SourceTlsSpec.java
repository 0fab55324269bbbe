package dev.capstan.api.v1alpha1.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.SecretRef;
import io.fabric8.generator.annotation.Default;

/** TLS between the runtime and the source database. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceTlsSpec {

    @Default("require")
    @JsonPropertyDescription("disable: plain TCP; require: encrypt without verifying the server; verify-full: "
            + "encrypt and verify the server certificate and host name against caSecretRef. Default require.")
    private TlsMode mode = TlsMode.REQUIRE;

    @JsonPropertyDescription("Secret with key ca.crt (PEM) to verify the server certificate with. Unset: the JVM's "
            + "default trust store.")
    private SecretRef caSecretRef;

    public TlsMode getMode() {
        return mode;
    }

    public void setMode(TlsMode mode) {
        this.mode = mode;
    }

    public SecretRef getCaSecretRef() {
        return caSecretRef;
    }

    public void setCaSecretRef(SecretRef caSecretRef) {
        this.caSecretRef = caSecretRef;
    }
}
