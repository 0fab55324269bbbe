package dev.capstan.runtime.sink.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of a pipeline when they are missing (standalone mode; in Kubernetes the
 * operator does it). Existing topics are left as they are.
 *
 * <p>Blocking; one call at start-up. Thread-safe.
 */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
    private final Map<String, Object> clientConfig;

    public TopicCreator(Map<String, Object> clientConfig) {
        this.clientConfig = clientConfig;
    }

    /** The settings of one topic to ensure. {@code partitions}/{@code replicationFactor} may be empty (broker default). */
    public record TopicSpec(String name, Optional<Integer> partitions, Optional<Short> replicationFactor,
                            Map<String, String> config) {
    }

    /**
     * Creates every topic of {@code topics} that does not exist yet.
     *
     * @return the names it created
     * @throws SinkException when Kafka cannot be reached or refuses a topic
     */
    public List<String> ensure(Collection<TopicSpec> topics) {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec t : topics) {
                if (!existing.contains(t.name())) {
                    missing.add(new NewTopic(t.name(), t.partitions(), t.replicationFactor()).configs(t.config()));
                }
            }
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> e
                    : admin.createTopics(missing).values().entrySet()) {
                try {
                    e.getValue().get(30, TimeUnit.SECONDS);
                    created.add(e.getKey());
                    LOG.info("Created topic {}", e.getKey());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new SinkException("cannot create Kafka topic '" + e.getKey() + "': "
                                + ex.getCause().getMessage(), ex.getCause());
                    }
                }
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while creating Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SinkException("cannot reach Kafka at " + clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " to create topics; check spec.sink.kafka.bootstrapServers and that the brokers are up", e);
        }
    }
}
