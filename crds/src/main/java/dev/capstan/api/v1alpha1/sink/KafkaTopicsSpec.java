package dev.capstan.api.v1alpha1.sink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Map;

/** Settings of the topics the operator creates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaTopicsSpec {

    @Min(1)
    @JsonPropertyDescription("Partitions per topic. Unset: the broker's num.partitions.")
    private Integer partitions;

    @Min(1)
    @Max(32767)
    @JsonPropertyDescription("Replicas per partition. Unset: the broker's default.replication.factor.")
    private Integer replicationFactor;

    @JsonPropertyDescription("Topic configuration entries, e.g. compression.type: lz4, retention.ms: \"604800000\".")
    private Map<String, String> config;

    public Integer getPartitions() {
        return partitions;
    }

    public void setPartitions(Integer partitions) {
        this.partitions = partitions;
    }

    public Integer getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(Integer replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public Map<String, String> getConfig() {
        return config;
    }

    public void setConfig(Map<String, String> config) {
        this.config = config;
    }
}
