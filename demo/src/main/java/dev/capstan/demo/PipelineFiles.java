package dev.capstan.demo;

import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CdcPipeline manifest and its secrets directory, written the way a user runs the runtime outside
 * Kubernetes: {@code <dir>/pipeline.yaml} and {@code <dir>/secrets/pg/{username,password}}.
 *
 * @param name       the pipeline's name (also its topic prefix)
 * @param manifest   the manifest file
 * @param secretsDir the secrets directory
 * @param yaml       the manifest text
 */
public record PipelineFiles(String name, Path manifest, Path secretsDir, String yaml) {

    /**
     * Writes a pipeline {@code namespace/name} streaming {@code tablesYaml} (the YAML list under
     * {@code spec.source.tables}, indented by six spaces) of {@code db} to Kafka, three partitions per topic.
     */
    public static PipelineFiles write(String namespace, String name, PostgresServer pg, String db, KafkaBroker kafka,
                                      String tablesYaml) throws IOException {
        return write(namespace, name, pg, db, kafka, tablesYaml, "{mode: initial}");
    }

    /** As {@link #write(String, String, PostgresServer, String, KafkaBroker, String)}, with {@code spec.snapshot}. */
    public static PipelineFiles write(String namespace, String name, PostgresServer pg, String db, KafkaBroker kafka,
                                      String tablesYaml, String snapshotFlow) throws IOException {
        Path dir = Files.createTempDirectory("capstan-" + name);
        Path secret = Files.createDirectories(dir.resolve("secrets/pg"));
        Files.writeString(secret.resolve("username"), pg.user());
        Files.writeString(secret.resolve("password"), pg.password());
        String yaml = """
                apiVersion: capstan.dev/v1alpha1
                kind: CdcPipeline
                metadata: {name: %s, namespace: %s}
                spec:
                  source:
                    postgres:
                      host: %s
                      port: %d
                      database: %s
                      credentialsSecretRef: {name: pg}
                      tls: {mode: disable}
                    tables:
                %s  snapshot: %s
                  sink:
                    kafka:
                      bootstrapServers: %s
                      topicPrefix: %s
                      topics: {partitions: 3, replicationFactor: 1}
                """.formatted(name, namespace, pg.host(), pg.port(), db, tablesYaml, snapshotFlow,
                        kafka.bootstrapServers(), name);
        Path manifest = Files.writeString(dir.resolve("pipeline.yaml"), yaml);
        return new PipelineFiles(name, manifest, dir.resolve("secrets"), yaml);
    }
}
