package dev.capstan.demo;

import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.MariaDbServer;
import dev.capstan.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CdcPipeline manifest and its secrets directory, written the way a user runs the runtime outside
 * Kubernetes: {@code <dir>/pipeline.yaml} and {@code <dir>/secrets/db/{username,password}}.
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
        String source = """
                    postgres:
                      host: %s
                      port: %d
                      database: %s
                      credentialsSecretRef: {name: db}
                      tls: {mode: disable}
                """.formatted(pg.host(), pg.port(), db);
        return write(namespace, name, pg.user(), pg.password(), source, kafka, tablesYaml, snapshotFlow);
    }

    /**
     * Writes a pipeline {@code namespace/name} streaming {@code tablesYaml} (database.table names) of a MariaDB
     * or MySQL server, read as replica {@code serverId}, to Kafka, three partitions per topic.
     */
    public static PipelineFiles writeMySql(String namespace, String name, MariaDbServer mariadb, KafkaBroker kafka,
                                           String tablesYaml, String snapshotFlow, long serverId) throws IOException {
        String source = """
                    mysql:
                      host: %s
                      port: %d
                      serverId: %d
                      credentialsSecretRef: {name: db}
                """.formatted(mariadb.host(), mariadb.port(), serverId);
        return write(namespace, name, mariadb.user(), mariadb.password(), source, kafka, tablesYaml, snapshotFlow);
    }

    private static PipelineFiles write(String namespace, String name, String user, String password, String sourceYaml,
                                       KafkaBroker kafka, String tablesYaml, String snapshotFlow) throws IOException {
        Path dir = Files.createTempDirectory("capstan-" + name);
        Path secret = Files.createDirectories(dir.resolve("secrets/db"));
        Files.writeString(secret.resolve("username"), user);
        Files.writeString(secret.resolve("password"), password);
        String yaml = """
                apiVersion: capstan.dev/v1alpha1
                kind: CdcPipeline
                metadata: {name: %s, namespace: %s}
                spec:
                  source:
                %s    tables:
                %s  snapshot: %s
                  sink:
                    kafka:
                      bootstrapServers: %s
                      topicPrefix: %s
                      topics: {partitions: 3, replicationFactor: 1}
                """.formatted(name, namespace, sourceYaml, tablesYaml, snapshotFlow, kafka.bootstrapServers(), name);
        Path manifest = Files.writeString(dir.resolve("pipeline.yaml"), yaml);
        return new PipelineFiles(name, manifest, dir.resolve("secrets"), yaml);
    }

    /**
     * The same pipeline writing Avro under a CdcSchemaPolicy {@code strict} (BACKWARD, Pause) with the registry at
     * {@code registryUrl}: the policy is the manifest's second document, as the operator renders it.
     */
    public PipelineFiles withAvro(java.net.URI registryUrl) throws IOException {
        String avro = yaml.replace("  sink:\n", "  format: avro\n  schemaPolicyRef: {name: strict}\n  sink:\n") + """
                ---
                apiVersion: capstan.dev/v1alpha1
                kind: CdcSchemaPolicy
                metadata: {name: strict}
                spec:
                  compatibility: BACKWARD
                  onIncompatible: Pause
                  registry: {url: "%s"}
                """.formatted(registryUrl);
        return new PipelineFiles(name, Files.writeString(manifest, avro), secretsDir, avro);
    }
}
