package dev.capstan.operator.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A pipeline's topics in Kafka: creates the missing ones with the spec's partitions, replication factor
 * and config; reports (never changes) existing ones that differ.
 *
 * <p>One admin client per call; thread-safe.
 */
final class KafkaTopics {

    /** One topic as the pipeline wants it; empty partitions / replication factor mean the broker default. */
    record Wanted(String name, Optional<Integer> partitions, Optional<Short> replicationFactor,
                  Map<String, String> config) {
    }

    private final Map<String, Object> clientConfig;

    KafkaTopics(Map<String, Object> clientConfig) {
        this.clientConfig = clientConfig;
    }

    /**
     * Creates what is missing.
     *
     * @return how existing topics differ from the spec, one readable line each (empty when all match)
     */
    List<String> ensure(Collection<Wanted> topics) throws Problem {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            List<Wanted> present = new ArrayList<>();
            for (Wanted t : topics) {
                if (existing.contains(t.name())) {
                    present.add(t);
                } else {
                    missing.add(new NewTopic(t.name(), t.partitions(), t.replicationFactor()).configs(t.config()));
                }
            }
            for (var e : admin.createTopics(missing).values().entrySet()) {
                try {
                    e.getValue().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new Problem("TopicCreationFailed", "spec.sink.kafka.topics: Kafka refused topic '"
                                + e.getKey() + "': " + ex.getCause().getMessage(), ex.getCause());
                    }
                }
            }
            return differences(admin, present);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem("SinkUnreachable", "interrupted while talking to Kafka", e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new Problem("SinkUnreachable", "spec.sink.kafka.bootstrapServers: cannot reach Kafka at "
                    + clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + " (" + e.getMessage()
                    + "); check the address and that the brokers are up", e);
        }
    }

    private static List<String> differences(Admin admin, List<Wanted> present) throws InterruptedException,
            ExecutionException, TimeoutException {
        List<String> out = new ArrayList<>();
        if (present.isEmpty()) {
            return out;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present.stream().map(Wanted::name).toList())
                .allTopicNames().get(10, TimeUnit.SECONDS);
        List<ConfigResource> resources = present.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
        for (Wanted t : present) {
            TopicDescription d = descriptions.get(t.name());
            int partitions = d.partitions().size();
            if (t.partitions().isPresent() && t.partitions().get() != partitions) {
                out.add("topic " + t.name() + " has " + partitions + " partitions, the spec asks for "
                        + t.partitions().get());
            }
            int replicas = d.partitions().get(0).replicas().size();
            if (t.replicationFactor().isPresent() && t.replicationFactor().get() != replicas) {
                out.add("topic " + t.name() + " has replication factor " + replicas + ", the spec asks for "
                        + t.replicationFactor().get());
            }
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.name()));
            for (Map.Entry<String, String> wanted : t.config().entrySet()) {
                var entry = actual.get(wanted.getKey());
                String value = entry == null ? null : entry.value();
                if (!wanted.getValue().equals(value)) {
                    out.add("topic " + t.name() + " has " + wanted.getKey() + "=" + value + ", the spec asks for "
                            + wanted.getValue());
                }
            }
        }
        return out;
    }
}
