package dev.capstan.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link RegistryServer} runs: where its Kafka topic is and where it listens. Build with
 * {@link #builder(String)}; immutable. {@link #toString()} hides the password.
 *
 * @param bootstrapServers the Kafka cluster that stores the schemas, e.g. {@code kafka:9092}
 * @param topic the compacted topic that holds them (default {@value #DEFAULT_TOPIC})
 * @param host the address to listen on (default {@code 0.0.0.0}: every interface)
 * @param port the port to listen on, 0 for a free one (default 0; {@link Main} uses 8081)
 * @param replicationFactor the replication factor of the topic when the registry creates it (default 1)
 * @param username the basic-auth user every request must present, or null for no authentication
 * @param password the basic-auth password (with {@code username})
 * @param kafkaProperties extra Kafka client settings (security, timeouts) for the admin client, producer and
 *     consumer of the topic
 */
public record RegistrySettings(String bootstrapServers, String topic, String host, int port, int replicationFactor,
                               String username, String password, Map<String, String> kafkaProperties) {

    /** The default topic, {@value}. */
    public static final String DEFAULT_TOPIC = "_capstan_schemas";

    public RegistrySettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is required");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
        }
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, got " + replicationFactor);
        }
        if (username == null && password != null) {
            throw new IllegalArgumentException("a password needs a username");
        }
        kafkaProperties = Map.copyOf(Objects.requireNonNullElse(kafkaProperties, Map.of()));
    }

    /** A builder with the defaults above for the Kafka cluster at {@code bootstrapServers}. */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** Whether requests must carry basic-auth credentials. */
    public boolean authenticated() {
        return username != null;
    }

    @Override
    public String toString() {
        return "RegistrySettings[bootstrapServers=" + bootstrapServers + ", topic=" + topic + ", host=" + host
                + ", port=" + port + ", replicationFactor=" + replicationFactor + ", username=" + username
                + ", password=" + (password == null ? "null" : "****") + ", kafkaProperties="
                + kafkaProperties.keySet() + "]";
    }

    /** Builds {@link RegistrySettings}; not thread-safe. */
    public static final class Builder {

        private final String bootstrapServers;
        private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
        private String topic = DEFAULT_TOPIC;
        private String host = "0.0.0.0";
        private int port;
        private int replicationFactor = 1;
        private String username;
        private String password;

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder replicationFactor(int replicationFactor) {
            this.replicationFactor = replicationFactor;
            return this;
        }

        /** Requires basic authentication with these credentials on every request. */
        public Builder basicAuth(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Adds a Kafka client setting, e.g. {@code kafkaProperty("security.protocol", "SSL")}. */
        public Builder kafkaProperty(String name, String value) {
            kafkaProperties.put(name, value);
            return this;
        }

        public RegistrySettings build() {
            return new RegistrySettings(bootstrapServers, topic, host, port, replicationFactor, username, password,
                    kafkaProperties);
        }
    }
}
