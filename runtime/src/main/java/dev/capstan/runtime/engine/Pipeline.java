package dev.capstan.runtime.engine;

import dev.capstan.api.naming.PipelineNames;
import dev.capstan.api.naming.PipelineTopic;
import dev.capstan.api.v1alpha1.CdcPipelineStatus;
import dev.capstan.api.v1alpha1.snapshot.SnapshotMode;
import dev.capstan.runtime.config.KafkaConfig;
import dev.capstan.runtime.offsets.OffsetStore;
import dev.capstan.runtime.snapshot.SnapshotCoordinator;
import dev.capstan.runtime.config.PipelineConfig;
import dev.capstan.runtime.config.SchemaPolicyConfig;
import dev.capstan.runtime.format.EventEncoding;
import dev.capstan.runtime.schema.SchemaGate;
import dev.capstan.runtime.config.TableConfig;
import dev.capstan.runtime.sink.kafka.KafkaSink;
import dev.capstan.runtime.sink.kafka.TopicCreator;
import dev.capstan.runtime.sink.kafka.TopicCreator.TopicSpec;
import dev.capstan.runtime.source.postgres.PgLsn;
import dev.capstan.runtime.source.mysql.BinlogOffset;
import dev.capstan.runtime.source.mysql.MySqlSource;
import dev.capstan.runtime.source.postgres.PostgresSource;
import dev.capstan.runtime.status.PipelineStats;
import dev.capstan.runtime.status.SourceState;
import dev.capstan.runtime.status.StatusReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One running pipeline: creates missing topics, prepares the source, streams into Kafka until
 * {@link #stop()}, then drains, confirms and closes. The runtime process, the demo and the tests all
 * run pipelines through this class.
 *
 * <p>{@link #run()} blocks on the calling thread; {@link #stop()} and the status accessors may be
 * called from any thread.
 */
public final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** How long a stop waits for Kafka to acknowledge what is in flight. */
    static final long DRAIN_MILLIS = 7_000;

    private final PipelineConfig config;
    private final RuntimeLimits limits;
    private final PipelineStats stats = new PipelineStats();
    private final SourceState state = new SourceState();
    private final InFlightWindow window;
    private final List<String> topics;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile SnapshotCoordinator snapshots;
    private volatile SchemaGate schemas;

    public Pipeline(PipelineConfig config, RuntimeLimits limits) {
        this.config = config;
        this.limits = limits;
        this.window = new InFlightWindow(limits.maxInFlightRecords(), limits.maxInFlightBytes());
        this.topics = PipelineTopic.eventTopics(config.kafka().topicPrefix(), tableNames(config));
    }

    /**
     * Runs until {@link #stop()} or a fatal error.
     *
     * @throws Exception the fatal error (configuration, credentials, a refused event)
     */
    public void run() throws Exception {
        MDC.put("namespace", config.namespace());
        MDC.put("pipeline", config.name());
        Encodings encodings = new Encodings(config, stats, state, () -> running);
        this.schemas = encodings.gate();
        try (KafkaSink sink = new KafkaSink(config.kafka().clientConfig(), producerCompression(config.kafka()));
             Source source = source(sink, encodings.encoding())) {
            source.check();
            new TopicCreator(config.kafka().clientConfig()).ensure(topicSpecs(config.kafka()));
            OffsetStore offsets = OffsetStore.load(config.kafka().clientConfig(),
                    PipelineNames.offsetsTopic(config.kafka().topicPrefix()), sink, Duration.ofSeconds(60));
            state.sinkConnected(true);
            encodings.prepare(offsets);
            source.prepare(offsets);
            try (SnapshotCoordinator snapshots = new SnapshotCoordinator(config.snapshot(),
                    config.tables().stream().map(TableConfig::id).toList(), offsets)) {
                this.snapshots = snapshots;
                snapshots.start(source.chunkReaders(), encodings.encoding());
                boolean snapshotOnly = config.snapshot().mode() == SnapshotMode.INITIAL_ONLY;
                source.stream(snapshots, () -> running && !(snapshotOnly && snapshotOnlyFinished(snapshots)),
                        DRAIN_MILLIS);
            }
            state.state("Stopped", "");
        } catch (Exception e) {
            state.state("Failed", e.getMessage());
            throw e;
        } finally {
            state.sinkConnected(false);
            stopped.countDown();
            MDC.clear();
        }
    }

    /**
     * The producer's compression: the topics' {@code compression.type} when the spec sets one (the broker then
     * stores batches as they come instead of recompressing), {@code none} for {@code uncompressed}, else lz4
     * (cheap to compute, and JSON shrinks about four times on the network and the brokers' disks).
     */
    private static String producerCompression(KafkaConfig kafka) {
        String topic = kafka.topicConfig().get("compression.type");
        if (topic == null || topic.equals("producer")) {
            return "lz4";
        }
        return topic.equals("uncompressed") ? "none" : topic;
    }

    /** The configured source, with its own acknowledgement tracker (positions differ per source). */
    private Source source(KafkaSink sink, EventEncoding encoding) {
        String prefix = config.kafka().topicPrefix();
        boolean tombstones = config.kafka().tombstones();
        if (config.postgres() != null) {
            AckTracker<PgLsn> tracker = new AckTracker<>();
            return new PostgresSource(config, new ChangePublisher(sink, window, tracker, stats, prefix, tombstones,
                    encoding), tracker, state);
        }
        AckTracker<BinlogOffset> tracker = new AckTracker<>();
        return new MySqlSource(config, new ChangePublisher(sink, window, tracker, stats, prefix, tombstones,
                encoding), tracker, state);
    }

    private boolean snapshotOnlyFinished(SnapshotCoordinator snapshots) {
        if (!snapshots.finished()) {
            return false;
        }
        if (running) {
            LOG.info("Snapshot finished; stopping (snapshot.mode initial_only)");
            state.state("Stopping", "snapshot finished (snapshot.mode initial_only)");
            running = false;
        }
        return true;
    }

    /**
     * Takes the parts of a changed spec that apply while running: new re-snapshot requests. Other changes
     * need a restart (in Kubernetes the operator rolls the pod when the spec changes).
     *
     * @return whether the running pipeline took the new requests (false before it started streaming)
     */
    public boolean applySnapshotRequests(List<dev.capstan.runtime.config.SnapshotConfig.Request> requests) {
        SnapshotCoordinator current = snapshots;
        if (current == null) {
            return false;
        }
        current.addRequests(requests);
        return true;
    }

    /** Takes a changed schema policy (new approvals) while running. */
    public void applySchemaPolicy(SchemaPolicyConfig policy) {
        SchemaGate gate = schemas;
        if (gate != null && policy != null) {
            gate.policy(policy);
        }
    }

    /** Asks {@link #run()} to stop reading, drain and return. Does not wait. */
    public void stop() {
        if (running) {
            LOG.info("Stopping pipeline {}/{}", config.namespace(), config.name());
            state.state("Stopping", "");
        }
        running = false;
    }

    /** Waits until {@link #run()} returned, up to {@code timeout}. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The status fields the runtime reports, now. */
    public CdcPipelineStatus status() {
        SnapshotCoordinator current = snapshots;
        SchemaGate gate = schemas;
        return StatusReport.of(state, stats, topics, current == null ? null : current.status(),
                gate == null || config.policy() == null ? null : gate.status());
    }

    public boolean ready() {
        return state.ready();
    }

    public PipelineStats stats() {
        return stats;
    }

    public SourceState state() {
        return state;
    }

    public InFlightWindow window() {
        return window;
    }

    public PipelineConfig config() {
        return config;
    }

    public RuntimeLimits limits() {
        return limits;
    }

    private static List<String> tableNames(PipelineConfig config) {
        return config.tables().stream().map(t -> t.id().toString()).toList();
    }

    /** The pipeline's topics: table topics with the spec's partitions; see {@link PipelineTopic}. */
    private List<TopicSpec> topicSpecs(KafkaConfig kafka) {
        List<TopicSpec> specs = new ArrayList<>();
        for (PipelineTopic t : PipelineTopic.all(kafka.topicPrefix(), tableNames(config))) {
            Map<String, String> topicConfig = new java.util.HashMap<>(kafka.topicConfig());
            if (t.compacted()) {
                topicConfig.put("cleanup.policy", "compact");
            }
            specs.add(new TopicSpec(t.name(), t.singlePartition() ? Optional.of(1) : kafka.partitions(),
                    kafka.replicationFactor(), topicConfig));
        }
        return specs;
    }
}
