package dev.capstan.api.v1alpha1.sink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where change events are written. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SinkSpec {

    @Required
    @JsonPropertyDescription("An Apache Kafka (or Kafka-compatible) cluster.")
    private KafkaSinkSpec kafka;

    public KafkaSinkSpec getKafka() {
        return kafka;
    }

    public void setKafka(KafkaSinkSpec kafka) {
        this.kafka = kafka;
    }
}
