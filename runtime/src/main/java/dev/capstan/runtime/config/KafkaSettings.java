package dev.capstan.runtime.config;

import dev.capstan.api.v1alpha1.sink.KafkaAuthenticationSpec;
import dev.capstan.api.v1alpha1.sink.KafkaAuthenticationType;
import dev.capstan.api.v1alpha1.sink.KafkaSinkSpec;
import dev.capstan.api.v1alpha1.sink.KafkaTopicsSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka client settings from {@code spec.sink.kafka}: bootstrap servers, TLS (PEM trust store from
 * the CA Secret), SASL SCRAM credentials or a client certificate, all read from the secrets directory.
 *
 * <p>Thread-safe.
 */
final class KafkaSettings {

    private final SecretsDir secrets;

    KafkaSettings(SecretsDir secrets) {
        this.secrets = secrets;
    }

    KafkaConfig resolve(KafkaSinkSpec kafka) {
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
        KafkaTopicsSpec topics = Optional.ofNullable(kafka.getTopics()).orElseGet(KafkaTopicsSpec::new);
        return new KafkaConfig(client, kafka.getTopicPrefix(), Optional.ofNullable(topics.getPartitions()),
                Optional.ofNullable(topics.getReplicationFactor()).map(Integer::shortValue),
                Optional.ofNullable(topics.getConfig()).orElse(Map.of()),
                !Boolean.FALSE.equals(kafka.getTombstones()));
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
