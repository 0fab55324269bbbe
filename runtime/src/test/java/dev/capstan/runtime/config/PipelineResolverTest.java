package dev.capstan.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineResolverTest {

    private static final String MYSQL = """
            apiVersion: capstan.dev/v1alpha1
            kind: CdcPipeline
            metadata: {name: invoices, namespace: harbor}
            spec:
              source:
                mysql:
                  host: mysql.harbor.svc
                  credentialsSecretRef: {name: mysql-cdc}
                  serverId: 184054
                  tls: {mode: verify-full, caSecretRef: {name: mysql-ca}}
                tables:
                  - name: billing.invoices
              sink:
                kafka: {bootstrapServers: "kafka:9092", topicPrefix: billing}
            """;

    @Test
    void resolvesAMySqlSourceWithItsSecretsAndTls(@TempDir Path secrets) throws Exception {
        Files.createDirectories(secrets.resolve("mysql-cdc"));
        Files.writeString(secrets.resolve("mysql-cdc/username"), "capstan");
        Files.writeString(secrets.resolve("mysql-cdc/password"), "s3cret\n");

        PipelineConfig config = new PipelineResolver(new SecretsDir(secrets)).resolve(PipelineLoader.parse(MYSQL));

        assertThat(config.postgres()).isNull();
        MySqlConfig my = config.mysql();
        assertThat(my.host()).isEqualTo("mysql.harbor.svc");
        assertThat(my.port()).isEqualTo(3306);
        assertThat(my.user()).isEqualTo("capstan");
        assertThat(my.password()).isEqualTo("s3cret");
        assertThat(my.serverId()).isEqualTo(184054);
        assertThat(my.sslMode()).isEqualTo("verify-full");
        assertThat(my.sslRootCert()).isEqualTo(secrets.resolve("mysql-ca/ca.crt").toString());
        assertThat(my.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(my.jdbcUrl()).isEqualTo("jdbc:mariadb://mysql.harbor.svc:3306/?sslMode=verify-full"
                + "&connectTimeout=10000&serverSslCert=" + secrets.resolve("mysql-ca/ca.crt"));
        assertThat(my.toString()).doesNotContain("s3cret");
        assertThat(config.tables()).extracting(t -> t.id().toString()).containsExactly("billing.invoices");
    }

    @Test
    void aMissingPasswordNamesTheMySqlField(@TempDir Path secrets) throws Exception {
        Files.createDirectories(secrets.resolve("mysql-cdc"));
        Files.writeString(secrets.resolve("mysql-cdc/username"), "capstan");

        assertThatThrownBy(() -> new PipelineResolver(new SecretsDir(secrets)).resolve(PipelineLoader.parse(MYSQL)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spec.source.mysql.credentialsSecretRef")
                .hasMessageContaining("password");
    }
}
