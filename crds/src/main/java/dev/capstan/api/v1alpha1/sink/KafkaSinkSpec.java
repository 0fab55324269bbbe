package dev.capstan.api.v1alpha1.sink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.Patterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Kafka cluster that receives one topic per table. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaSinkSpec {

    @Required
    @Pattern(Patterns.BOOTSTRAP_SERVERS)
    @JsonPropertyDescription("Comma-separated host:port list of brokers to bootstrap from, e.g. "
            + "kafka.harbor.svc:9092.")
    private String bootstrapServers;

    @Required
    @Pattern(Patterns.TOPIC_PREFIX)
    @JsonPropertyDescription("Topic name prefix: events of table schema.table go to <topicPrefix>.<schema>.<table>, "
            + "transaction markers to <topicPrefix>.transaction.")
    private String topicPrefix;

    @JsonPropertyDescription("Settings of the topics the operator creates. Existing topics are left as they are.")
    private KafkaTopicsSpec topics;

    @Default("true")
    @JsonPropertyDescription("Write a tombstone (key, null value) after each delete event so compacted topics forget "
            + "the row. Default true.")
    private Boolean tombstones = Boolean.TRUE;

    @JsonPropertyDescription("TLS to the brokers. Unset: plaintext.")
    private KafkaTlsSpec tls;

    @JsonPropertyDescription("Client authentication: SASL SCRAM or mutual TLS. Unset: none.")
    private KafkaAuthenticationSpec authentication;

    @Default("at_least_once")
    @JsonPropertyDescription("at_least_once: an event may be written twice after a crash; exactly_once: Kafka "
            + "transactions, a read_committed consumer sees each source transaction once. Default at_least_once.")
    private DeliveryGuarantee deliveryGuarantee = DeliveryGuarantee.AT_LEAST_ONCE;

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    public KafkaTopicsSpec getTopics() {
        return topics;
    }

    public void setTopics(KafkaTopicsSpec topics) {
        this.topics = topics;
    }

    public Boolean getTombstones() {
        return tombstones;
    }

    public void setTombstones(Boolean tombstones) {
        this.tombstones = tombstones;
    }

    public KafkaTlsSpec getTls() {
        return tls;
    }

    public void setTls(KafkaTlsSpec tls) {
        this.tls = tls;
    }

    public KafkaAuthenticationSpec getAuthentication() {
        return authentication;
    }

    public void setAuthentication(KafkaAuthenticationSpec authentication) {
        this.authentication = authentication;
    }

    public DeliveryGuarantee getDeliveryGuarantee() {
        return deliveryGuarantee;
    }

    public void setDeliveryGuarantee(DeliveryGuarantee deliveryGuarantee) {
        this.deliveryGuarantee = deliveryGuarantee;
    }
}
