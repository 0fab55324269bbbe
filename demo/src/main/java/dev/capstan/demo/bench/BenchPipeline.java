package dev.capstan.demo.bench;

import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A pipeline manifest and secrets directory for one benchmark phase. */
record BenchPipeline(String name, Path manifest, Path secretsDir) {

    static BenchPipeline write(PostgresServer pg, String db, KafkaBroker kafka, String name) throws IOException {
        Path dir = Files.createTempDirectory("capstan-bench-" + name);
        Path secret = Files.createDirectories(dir.resolve("secrets/pg"));
        Files.writeString(secret.resolve("username"), pg.user());
        Files.writeString(secret.resolve("password"), pg.password());
        String yaml = """
                apiVersion: capstan.dev/v1alpha1
                kind: CdcPipeline
                metadata: {name: %s, namespace: bench}
                spec:
                  source:
                    postgres:
                      host: %s
                      port: %d
                      database: %s
                      credentialsSecretRef: {name: pg}
                      tls: {mode: disable}
                    tables:
                      - name: public.%s
                  sink:
                    kafka:
                      bootstrapServers: %s
                      topicPrefix: %s
                      topics: {partitions: 3, replicationFactor: 1}
                """.formatted(name, pg.host(), pg.port(), db, Benchmark.TABLE, kafka.bootstrapServers(), name);
        Path manifest = Files.writeString(dir.resolve("pipeline.yaml"), yaml);
        return new BenchPipeline(name, manifest, dir.resolve("secrets"));
    }
}
