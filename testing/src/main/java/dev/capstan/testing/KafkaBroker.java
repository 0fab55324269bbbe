package dev.capstan.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker, running in this JVM: one KRaft node that is broker and controller, listening on
 * 127.0.0.1 only. Works with or without JUnit ({@link KafkaExtension} is a thin wrapper).
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.builder().start()) {
 *     Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers(), ...);
 *     ...
 *     kafka.stop();    // a broker outage: clients see connection refused
 *     kafka.start();   // same port, same log directory, records still there
 * }
 * }</pre>
 *
 * <p><b>Settings</b> for a single small node: replication factor and min ISR 1 for every internal topic (offsets,
 * transactions, share groups), 1 partition for new topics, group initial rebalance delay 0, few threads, and a
 * 2 MiB log-cleaner dedupe buffer (the 128 MiB default makes a small test heap die with OutOfMemoryError, and
 * Kafka then halts the JVM). Override or add any broker setting with {@link Builder#config(String, String)}.
 *
 * <p><b>Files.</b> The log directory (records and KRaft metadata) lives in a {@code capstan-kafka-*} directory under
 * {@code java.io.tmpdir}; {@link #stop()} keeps it, {@link #close()} deletes it. The broker logs through SLF4J
 * with logger names {@code kafka.*}, {@code org.apache.kafka.*} and {@code state.change.logger}: set those to WARN
 * in the test logging configuration, INFO is chatty.
 *
 * <p>Thread-safe: lifecycle methods are synchronized.
 */
public final class KafkaBroker extends LocalServer<KafkaBroker> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    private final int port;
    private final int controllerPort;
    private final Map<String, String> config;

    private Path scratchDir;
    private boolean formatted;
    private KafkaRaftServer server;
    private Duration lastStartDuration = Duration.ZERO;

    private KafkaBroker(Builder builder) {
        this.port = builder.port != 0 ? builder.port : LoopbackPorts.pick();
        int controller;
        do {
            controller = LoopbackPorts.pick();
        } while (controller == port);
        this.controllerPort = controller;
        this.config = new LinkedHashMap<>(builder.config);
    }

    /** A builder with the defaults described on the class. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker, formatting its log directory on the first call; returns when it serves clients. A no-op
     * when it runs already. Takes 1-4 s.
     *
     * @throws IllegalStateException if it does not start
     */
    @Override
    public synchronized KafkaBroker start() {
        checkNotClosed();
        if (server != null) {
            return this;
        }
        long started = System.nanoTime();
        try {
            if (scratchDir == null) {
                scratchDir = TempDirs.create("kafka");
                guardedBy(OrphanGuard.protect(this, scratchDir, null, null));
            }
            Properties properties = properties();
            if (!formatted) {
                format(properties);
                formatted = true;
            }
            KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            try {
                raftServer.startup();
            } catch (RuntimeException e) {
                raftServer.shutdown();
                raftServer.awaitShutdown();
                throw e;
            }
            server = raftServer;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Kafka did not start on " + bootstrapServers() + ": " + e.getMessage(), e);
        }
        lastStartDuration = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Kafka broker started on {} in {} ms (log dir {})", bootstrapServers(),
                lastStartDuration.toMillis(), logDirectory());
        return this;
    }

    /**
     * Shuts the broker down cleanly and keeps its log directory, so {@link #start()} brings it back on the same
     * port with the same topics and records. A no-op when stopped. Blocks until every broker thread has ended.
     */
    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
        LOG.info("Kafka broker on {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }



    /** Whether the broker runs (started and not stopped). */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code 127.0.0.1:<port>}, fixed for the broker's lifetime (also across {@link #stop()}/{@link #start()}). */
    public String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + port;
    }

    /** The PLAINTEXT client port. */
    public int port() {
        return port;
    }

    /**
     * Creates a topic with {@code partitions} partitions and replication factor 1, with an {@link Admin} client;
     * blocks until the broker acknowledged it (at most 30 s).
     *
     * @throws IllegalStateException if it cannot, e.g. because the topic exists
     */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name + " on " + this, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /** The broker's log directory, KRaft metadata included (exists once started, until {@link #close()}). */
    public synchronized Path logDirectory() {
        return scratchDir == null ? null : scratchDir.resolve("data");
    }

    /** How long the last {@link #start()} took, formatting included on the first. */
    public synchronized Duration lastStartDuration() {
        return lastStartDuration;
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + "]";
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.putAll(config);
        properties.put("node.id", "1");
        properties.put("process.roles", "broker,controller");
        properties.put("controller.quorum.voters", "1@" + LoopbackPorts.HOST + ":" + controllerPort);
        properties.put("listeners",
                "PLAINTEXT://" + bootstrapServers() + ",CONTROLLER://" + LoopbackPorts.HOST + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDirectory().toString());
        return properties;
    }

    /** {@code kafka-storage.sh format}: writes meta.properties and the bootstrap metadata into the log dir. */
    private void format(Properties properties) throws IOException {
        Path propertiesFile = scratchDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(propertiesFile, StandardCharsets.UTF_8)) {
            properties.store(out, "capstan-testing KafkaBroker");
        }
        Path output = scratchDir.resolve("format.log");
        int exitCode;
        try (OutputStream file = Files.newOutputStream(output, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
             PrintStream print = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", propertiesFile.toString()}, print);
        }
        if (exitCode != 0) {
            throw new UncheckedIOException(new IOException("kafka-storage format exited with " + exitCode + "\n"
                    + LogFiles.tail(output, 20)));
        }
    }

    /** Configuration of a {@link KafkaBroker}; not thread-safe. */
    public static final class Builder {

        private final Map<String, String> config = new LinkedHashMap<>();
        private int port;

        private Builder() {
            config.put("num.partitions", "1");
            config.put("default.replication.factor", "1");
            config.put("min.insync.replicas", "1");
            config.put("offsets.topic.replication.factor", "1");
            config.put("offsets.topic.num.partitions", "5");
            config.put("transaction.state.log.replication.factor", "1");
            config.put("transaction.state.log.min.isr", "1");
            config.put("transaction.state.log.num.partitions", "5");
            config.put("share.coordinator.state.topic.replication.factor", "1");
            config.put("share.coordinator.state.topic.min.isr", "1");
            config.put("share.coordinator.state.topic.num.partitions", "5");
            config.put("group.initial.rebalance.delay.ms", "0");
            config.put("log.cleaner.dedupe.buffer.size", "2097152");
            config.put("num.network.threads", "2");
            config.put("num.io.threads", "4");
            config.put("background.threads", "4");
            config.put("num.recovery.threads.per.data.dir", "1");
            config.put("auto.create.topics.enable", "true");
        }

        /**
         * Sets a broker setting, replacing the default, e.g. {@code config("auto.create.topics.enable", "false")}.
         * Listener, node and log-dir settings are the broker's own and cannot be changed.
         */
        public Builder config(String name, String value) {
            config.put(name, value);
            return this;
        }

        /** A fixed client port instead of a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The broker, not started yet. */
        public KafkaBroker build() {
            return new KafkaBroker(this);
        }

        /** {@code build().start()}. */
        public KafkaBroker start() {
            return build().start();
        }
    }
}
