package dev.capstan.operator.pipeline;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Reads the Secrets a pipeline references, failing with the field that names them. Thread-safe. */
final class Secrets {

    private final KubernetesClient client;

    Secrets(KubernetesClient client) {
        this.client = client;
    }

    /** The Secret {@code name}, checked to hold {@code keys}. */
    Secret require(String namespace, String name, String field, String... keys) throws Problem {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new Problem("SecretNotFound", field + ": Secret '" + name + "' does not exist in namespace "
                    + namespace + "; create it with the keys " + String.join(", ", keys));
        }
        for (String key : keys) {
            if (value(secret, key) == null) {
                throw new Problem("SecretKeyMissing", field + ": Secret '" + name + "' has no key '" + key
                        + "'; add it (the Secret needs " + String.join(", ", keys) + ")");
            }
        }
        return secret;
    }

    /** The decoded value of {@code key}, or null. */
    static String value(Secret secret, String key) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(key) != null) {
            return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8).strip();
        }
        Map<String, String> plain = secret.getStringData();
        return plain == null || plain.get(key) == null ? null : plain.get(key).strip();
    }
}
