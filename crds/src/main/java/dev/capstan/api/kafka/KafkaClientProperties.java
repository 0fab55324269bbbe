package dev.capstan.api.kafka;

import dev.capstan.api.v1alpha1.sink.KafkaAuthenticationSpec;
import dev.capstan.api.v1alpha1.sink.KafkaAuthenticationType;
import dev.capstan.api.v1alpha1.sink.KafkaSinkSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka client properties (bootstrap, TLS, SASL SCRAM or mTLS) that {@code spec.sink.kafka} asks
 * for, with secret values read through a {@link SecretLookup}: from mounted files in the runtime, from
 * the API server in the operator. The result holds credentials: never log it.
 *
 * <p>Stateless; thread-safe.
 */
public final class KafkaClientProperties {

    /** Reads key {@code key} of Secret {@code secret}; {@code field} names the spec field for errors. */
    @FunctionalInterface
    public interface SecretLookup {
        String read(String secret, String key, String field);
    }

    private KafkaClientProperties() {
    }

    public static Map<String, Object> of(KafkaSinkSpec kafka, SecretLookup secrets) {
        Map<String, Object> client = new HashMap<>();
        client.put("bootstrap.servers", kafka.getBootstrapServers());
        boolean tls = kafka.getTls() != null;
        if (tls && kafka.getTls().getCaSecretRef() != null) {
            client.put("ssl.truststore.type", "PEM");
            client.put("ssl.truststore.certificates", secrets.read(kafka.getTls().getCaSecretRef().getName(),
                    "ca.crt", "spec.sink.kafka.tls.caSecretRef"));
        }
        KafkaAuthenticationSpec auth = kafka.getAuthentication();
        if (auth != null && auth.getType() == KafkaAuthenticationType.TLS) {
            String secret = auth.getCertificateSecretRef().getName();
            String field = "spec.sink.kafka.authentication.certificateSecretRef";
            client.put("ssl.keystore.type", "PEM");
            client.put("ssl.keystore.certificate.chain", secrets.read(secret, "tls.crt", field));
            client.put("ssl.keystore.key", secrets.read(secret, "tls.key", field));
            client.put("security.protocol", "SSL");
        } else if (auth != null) {
            String secret = auth.getCredentialsSecretRef().getName();
            String field = "spec.sink.kafka.authentication.credentialsSecretRef";
            String user = secrets.read(secret, "username", field);
            String password = secrets.read(secret, "password", field);
            client.put("security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
            client.put("sasl.mechanism", auth.getType() == KafkaAuthenticationType.SCRAM_SHA_256
                    ? "SCRAM-SHA-256" : "SCRAM-SHA-512");
            client.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"" + escape(user) + "\" password=\"" + escape(password) + "\";");
        } else if (tls) {
            client.put("security.protocol", "SSL");
        }
        return client;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
