package dev.capstan.runtime.config;

import dev.capstan.api.kafka.KafkaClientProperties;
import dev.capstan.api.v1alpha1.sink.KafkaSinkSpec;
import dev.capstan.api.v1alpha1.sink.KafkaTopicsSpec;
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
        Map<String, Object> client = KafkaClientProperties.of(kafka, secrets::read);
        KafkaTopicsSpec topics = Optional.ofNullable(kafka.getTopics()).orElseGet(KafkaTopicsSpec::new);
        return new KafkaConfig(client, kafka.getTopicPrefix(), Optional.ofNullable(topics.getPartitions()),
                Optional.ofNullable(topics.getReplicationFactor()).map(Integer::shortValue),
                Optional.ofNullable(topics.getConfig()).orElse(Map.of()),
                !Boolean.FALSE.equals(kafka.getTombstones()));
    }
}
