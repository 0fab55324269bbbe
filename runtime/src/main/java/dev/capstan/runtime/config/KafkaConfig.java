package dev.capstan.runtime.config;

import java.util.Map;
import java.util.Optional;

/**
 * The Kafka sink as the spec configures it.
 *
 * @param clientConfig bootstrap servers and security settings for producers and admin clients;
 *                     it may hold credentials, so it is never logged
 * @param partitions        partitions of topics Capstan creates, empty for the broker default
 * @param replicationFactor replication factor of topics Capstan creates, empty for the broker default
 * @param topicConfig       config of topics Capstan creates
 * @param tombstones        a tombstone after each delete
 */
public record KafkaConfig(Map<String, Object> clientConfig, String topicPrefix, Optional<Integer> partitions,
                          Optional<Short> replicationFactor, Map<String, String> topicConfig, boolean tombstones) {

    @Override
    public String toString() {
        return "KafkaConfig[bootstrap=" + clientConfig.get("bootstrap.servers") + ", prefix=" + topicPrefix + "]";
    }
}
