package dev.capstan.runtime.engine;

import dev.capstan.api.naming.PipelineNames;
import dev.capstan.api.v1alpha1.CdcPipelineStatus;
import dev.capstan.runtime.config.KafkaConfig;
import dev.capstan.runtime.config.PipelineConfig;
import dev.capstan.runtime.config.TableConfig;
import dev.capstan.runtime.sink.kafka.KafkaSink;
import dev.capstan.runtime.sink.kafka.TopicCreator;
import dev.capstan.runtime.sink.kafka.TopicCreator.TopicSpec;
import dev.capstan.runtime.source.postgres.PgLsn;
import dev.capstan.runtime.source.postgres.PgSlotStatusPoller;
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

    public Pipeline(PipelineConfig config, RuntimeLimits limits) {
        this.config = config;
        this.limits = limits;
        this.window = new InFlightWindow(limits.maxInFlightRecords(), limits.maxInFlightBytes());
        this.topics = topicNames(config);
    }

    /**
     * Runs until {@link #stop()} or a fatal error.
     *
     * @throws Exception the fatal error (configuration, credentials, a refused event)
     */
    public void run() throws Exception {
        MDC.put("namespace", config.namespace());
        MDC.put("pipeline", config.name());
        AckTracker<PgLsn> tracker = new AckTracker<>();
        try (KafkaSink sink = new KafkaSink(config.kafka().clientConfig());
             PgSlotStatusPoller poller = new PgSlotStatusPoller(config.postgres(), state)) {
            ChangePublisher publisher = new ChangePublisher(sink, window, tracker, stats,
                    config.kafka().topicPrefix(), config.kafka().tombstones());
            Source source = new PostgresSource(config, publisher, tracker, state);
            source.check();
            new TopicCreator(config.kafka().clientConfig()).ensure(topicSpecs(config.kafka()));
            state.sinkConnected(true);
            source.prepare();
            poller.start();
            source.stream(() -> running, DRAIN_MILLIS);
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
        return StatusReport.of(state, stats, topics);
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

    private static List<String> topicNames(PipelineConfig config) {
        List<String> names = new ArrayList<>();
        String prefix = config.kafka().topicPrefix();
        for (TableConfig t : config.tables()) {
            names.add(PipelineNames.tableTopic(prefix, t.id().schema(), t.id().table()));
        }
        names.add(PipelineNames.transactionTopic(prefix));
        return names;
    }

    /**
     * Table topics with the spec's partitions; the transaction topic with one partition, so its BEGIN and
     * END markers keep commit order.
     */
    private List<TopicSpec> topicSpecs(KafkaConfig kafka) {
        List<TopicSpec> specs = new ArrayList<>();
        String transactions = PipelineNames.transactionTopic(kafka.topicPrefix());
        for (String name : topics) {
            specs.add(new TopicSpec(name, name.equals(transactions) ? Optional.of(1) : kafka.partitions(),
                    kafka.replicationFactor(), kafka.topicConfig()));
        }
        return specs;
    }
}
