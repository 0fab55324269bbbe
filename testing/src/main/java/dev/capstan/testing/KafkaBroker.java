package dev.capstan.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, broker and controller in one node) running inside this JVM on free
 * 127.0.0.1 ports with its log in a temporary directory. {@link #stop()} and {@link #start()} again
 * keep the ports and the data, so tests can take the broker away for a while.
 *
 * <p>Thread-safe (synchronized lifecycle).
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Properties extra;
    private boolean formatted;
    private KafkaRaftServer server;
    private Duration lastStartDuration = Duration.ZERO;

    private KafkaBroker(Properties extra) {
        this.dir = TempDirs.create("kafka");
        this.port = LoopbackPorts.pick();
        this.controllerPort = LoopbackPorts.pick();
        this.extra = extra;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts (or starts again) the broker; returns when it serves requests. */
    public synchronized KafkaBroker start() {
        if (server != null) {
            return this;
        }
        long t0 = System.nanoTime();
        Properties props = properties();
        try {
            if (!formatted) {
                format(props);
                formatted = true;
            }
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            server = null;
            throw new IllegalStateException("Kafka broker did not start on " + bootstrapServers(), e);
        }
        lastStartDuration = Duration.ofNanos(System.nanoTime() - t0);
        LOG.info("Kafka broker on {} started in {} ms", bootstrapServers(), lastStartDuration.toMillis());
        return this;
    }

    /** Stops the broker; its data and ports stay for {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("Kafka broker on {} stopped", bootstrapServers());
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + port;
    }

    public synchronized Duration lastStartDuration() {
        return lastStartDuration;
    }

    /** Stops the broker and deletes its data. */
    @Override
    public synchronized void close() {
        stop();
        try {
            TempDirs.delete(dir);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + LoopbackPorts.HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + LoopbackPorts.HOST + ":" + port + ",CONTROLLER://" + LoopbackPorts.HOST
                + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The 128 MiB default makes small heaps die with OOM and Kafka halts the JVM.
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        p.put("controlled.shutdown.enable", "false");
        p.putAll(extra);
        return p;
    }

    private void format(Properties props) {
        try {
            Path config = dir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "capstan test broker");
            }
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            kafka.tools.StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                    new PrintStream(buffer, true, StandardCharsets.UTF_8));
            LOG.debug("Kafka storage format: {}", buffer.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format Kafka storage in " + dir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Non-default broker settings. */
    public static final class Builder {
        private final Properties extra = new Properties();

        /** Sets a broker config, e.g. {@code setting("num.partitions", "3")}. */
        public Builder setting(String name, String value) {
            extra.put(name, value);
            return this;
        }

        public KafkaBroker build() {
            return new KafkaBroker(extra);
        }

        /** Builds and starts. */
        public KafkaBroker start() {
            return build().start();
        }
    }
}
