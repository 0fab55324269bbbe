package dev.capstan.runtime.support;

import dev.capstan.runtime.config.PipelineConfig;
import dev.capstan.runtime.config.PipelineLoader;
import dev.capstan.runtime.config.PipelineResolver;
import dev.capstan.runtime.config.SecretsDir;
import dev.capstan.runtime.engine.Pipeline;
import dev.capstan.runtime.engine.RuntimeLimits;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.MariaDbServer;
import dev.capstan.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A pipeline manifest and secrets directory for tests, written the way a user would, and a way to run
 * it in a background thread.
 */
public final class TestPipeline {

    private final Path dir;
    private final String name;
    private final String database;
    private final String prefix;
    private String yaml;

    private TestPipeline(Path dir, String name, String database, String prefix, String yaml) {
        this.dir = dir;
        this.name = name;
        this.database = database;
        this.prefix = prefix;
        this.yaml = yaml;
    }

    /** A pipeline {@code name} streaming {@code tables} of {@code database} to topics {@code name.*}. */
    public static TestPipeline of(String name, PostgresServer pg, String database, KafkaBroker kafka,
                                  List<String> tables) {
        return of(name, pg, database, kafka, tables, pg.user(), pg.password());
    }

    public static TestPipeline of(String name, PostgresServer pg, String database, KafkaBroker kafka,
                                  List<String> tables, String user, String password) {
        try {
            Path dir = Files.createTempDirectory("capstan-pipeline-" + name);
            Path secret = Files.createDirectories(dir.resolve("secrets/pg-" + name));
            Files.writeString(secret.resolve("username"), user);
            Files.writeString(secret.resolve("password"), password + "\n");
            StringBuilder tableYaml = new StringBuilder();
            for (String t : tables) {
                tableYaml.append("      - name: ").append(t).append('\n');
            }
            String yaml = """
                    apiVersion: capstan.dev/v1alpha1
                    kind: CdcPipeline
                    metadata:
                      name: %s
                      namespace: test
                    spec:
                      source:
                        postgres:
                          host: %s
                          port: %d
                          database: %s
                          credentialsSecretRef: {name: pg-%s}
                          heartbeatInterval: 1s
                        tables:
                    %s  sink:
                        kafka:
                          bootstrapServers: %s
                          topicPrefix: %s
                          topics: {partitions: 3, replicationFactor: 1}
                    """.formatted(name, pg.host(), pg.port(), database, name, tableYaml, kafka.bootstrapServers(),
                    name);
            return new TestPipeline(dir, name, database, name, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A pipeline {@code name} streaming {@code tables} (database.table) of MariaDB to topics {@code name.*}, as
     * replica {@code serverId}.
     */
    public static TestPipeline of(String name, MariaDbServer mariadb, KafkaBroker kafka, List<String> tables,
                                  long serverId) {
        try {
            Path dir = Files.createTempDirectory("capstan-pipeline-" + name);
            Path secret = Files.createDirectories(dir.resolve("secrets/db-" + name));
            Files.writeString(secret.resolve("username"), mariadb.user());
            Files.writeString(secret.resolve("password"), mariadb.password() + "\n");
            StringBuilder tableYaml = new StringBuilder();
            for (String t : tables) {
                tableYaml.append("      - name: ").append(t).append('\n');
            }
            String yaml = """
                    apiVersion: capstan.dev/v1alpha1
                    kind: CdcPipeline
                    metadata:
                      name: %s
                      namespace: test
                    spec:
                      source:
                        mysql:
                          host: %s
                          port: %d
                          serverId: %d
                          credentialsSecretRef: {name: db-%s}
                          heartbeatInterval: 1s
                        tables:
                    %s  sink:
                        kafka:
                          bootstrapServers: %s
                          topicPrefix: %s
                          topics: {partitions: 3, replicationFactor: 1}
                    """.formatted(name, mariadb.host(), mariadb.port(), serverId, name, tableYaml,
                    kafka.bootstrapServers(), name);
            return new TestPipeline(dir, name, tables.get(0).substring(0, tables.get(0).indexOf('.')), name, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces part of the manifest text, for variants (masks, key columns, bad values). */
    public TestPipeline edit(String from, String to) {
        if (!yaml.contains(from)) {
            throw new IllegalArgumentException("manifest has no '" + from + "'");
        }
        yaml = yaml.replace(from, to);
        return this;
    }

    /** Sets {@code spec.snapshot} (a YAML flow mapping, e.g. {@code {chunkSize: 100, parallelism: 2}}). */
    public TestPipeline snapshot(String flow) {
        if (yaml.contains("  snapshot: ")) {
            yaml = yaml.replaceAll("  snapshot: .*\n", "  snapshot: " + java.util.regex.Matcher.quoteReplacement(flow)
                    + "\n");
        } else {
            yaml = yaml.replace("  sink:\n", "  snapshot: " + flow + "\n  sink:\n");
        }
        return this;
    }

    /**
     * Adds {@code format} and a CdcSchemaPolicy {@code policy} with {@code compatibility} and {@code onIncompatible}
     * pointing at {@code registryUrl}, as a second document of the manifest.
     */
    public TestPipeline policy(String format, String policy, String compatibility, String onIncompatible,
                               String registryUrl) {
        yaml = yaml.replace("  sink:\n", "  format: " + format + "\n  schemaPolicyRef: {name: " + policy + "}\n  sink:\n");
        yaml = yaml + """
                ---
                apiVersion: capstan.dev/v1alpha1
                kind: CdcSchemaPolicy
                metadata:
                  name: %s
                  namespace: test
                spec:
                  compatibility: %s
                  onIncompatible: %s
                  registry: {url: "%s"}
                """.formatted(policy, compatibility, onIncompatible, registryUrl);
        return this;
    }

    public String yaml() {
        return yaml;
    }

    public String prefix() {
        return prefix;
    }

    public String name() {
        return name;
    }

    public String database() {
        return database;
    }

    /** Writes the manifest and returns its path. */
    public Path manifest() {
        try {
            return Files.writeString(dir.resolve("pipeline.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path secretsDir() {
        return dir.resolve("secrets");
    }

    public PipelineConfig config() {
        return new PipelineResolver(new SecretsDir(secretsDir())).resolve(PipelineLoader.parseAll(yaml));
    }

    /** Starts the pipeline on a background thread; waits until it streams. */
    public Running start() {
        return start(RuntimeLimits.defaults());
    }

    public Running start(RuntimeLimits limits) {
        Pipeline pipeline = new Pipeline(config(), limits);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                pipeline.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "test-pipeline-" + name);
        thread.start();
        Running running = new Running(pipeline, thread, failure);
        running.awaitStreaming();
        return running;
    }

    /** A pipeline running on a background thread. */
    public record Running(Pipeline pipeline, Thread thread, AtomicReference<Throwable> failure)
            implements AutoCloseable {

        void awaitStreaming() {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!pipeline.ready()) {
                if (failure.get() != null) {
                    throw new AssertionError("pipeline failed to start: " + failure.get(), failure.get());
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("pipeline did not start streaming within 60 s");
                }
                sleep(20);
            }
        }

        @Override
        public void close() throws InterruptedException {
            pipeline.stop();
            thread.join(Duration.ofSeconds(20).toMillis());
            if (failure.get() != null) {
                throw new AssertionError("pipeline failed: " + failure.get(), failure.get());
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
