package dev.capstan.operator.pipeline;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.status.Condition;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Manifests, Secrets and database probes shared by the operator tests. */
public final class OperatorTestSupport {

    static final String NAMESPACE = "harbor";

    private OperatorTestSupport() {
    }

    /** Installs the committed CRDs (the ones the Helm chart ships) into the mock API server. */
    public static void installCrds(KubernetesClient client) {
        for (String file : List.of("cdcpipelines.capstan.dev-v1.yml", "cdcschemapolicies.capstan.dev-v1.yml")) {
            try (InputStream in = CdcPipeline.class.getResourceAsStream("/dev/capstan/api/crds/" + file)) {
                for (var crd : client.load(in).items()) {
                    client.resource(crd).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static void secret(KubernetesClient client, String name, String user, String password) {
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(NAMESPACE).endMetadata().addToStringData("username", user)
                .addToStringData("password", password).build()).createOr(
                io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    }

    static CdcPipeline pipeline(String name, PostgresServer pg, String db, KafkaBroker kafka, String secret,
                                List<String> tables, String extraSpec) {
        StringBuilder t = new StringBuilder();
        tables.forEach(x -> t.append("      - name: ").append(x).append('\n'));
        String yaml = """
                apiVersion: capstan.dev/v1alpha1
                kind: CdcPipeline
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  source:
                    postgres:
                      host: %s
                      port: %d
                      database: %s
                      credentialsSecretRef: {name: %s}
                      tls: {mode: disable}
                    tables:
                %s  sink:
                    kafka:
                      bootstrapServers: %s
                      topicPrefix: %s
                      topics: {partitions: 2, replicationFactor: 1, config: {retention.ms: "86400000"}}
                %s""".formatted(name, NAMESPACE, pg.host(), pg.port(), db, secret, t, kafka.bootstrapServers(), name,
                extraSpec);
        return Serialization.unmarshal(yaml, CdcPipeline.class);
    }

    /** A pipeline reading {@code tables} ({@code database.table}) from a MySQL/MariaDB server, as server id 4242. */
    static CdcPipeline mysqlPipeline(String name, String host, int port, KafkaBroker kafka, String secret,
                                     List<String> tables, String extraSpec) {
        StringBuilder t = new StringBuilder();
        tables.forEach(x -> t.append("      - name: ").append(x).append('\n'));
        String yaml = """
                apiVersion: capstan.dev/v1alpha1
                kind: CdcPipeline
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  source:
                    mysql:
                      host: %s
                      port: %d
                      credentialsSecretRef: {name: %s}
                      serverId: 4242
                      heartbeatInterval: 5s
                    tables:
                %s  sink:
                    kafka:
                      bootstrapServers: %s
                      topicPrefix: %s
                      topics: {partitions: 2, replicationFactor: 1, config: {retention.ms: "86400000"}}
                %s""".formatted(name, NAMESPACE, host, port, secret, t, kafka.bootstrapServers(), name, extraSpec);
        return Serialization.unmarshal(yaml, CdcPipeline.class);
    }

    static Optional<Condition> condition(CdcPipeline p, String type) {
        if (p == null || p.getStatus() == null || p.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return p.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    static TreeSet<String> publishedTables(PostgresServer pg, String db, String publication) throws SQLException {
        TreeSet<String> tables = new TreeSet<>();
        try (Connection c = pg.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT schemaname || '.' || tablename FROM pg_publication_tables "
                     + "WHERE pubname = '" + publication + "'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    static void sql(PostgresServer pg, String db, String... statements) throws SQLException {
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static boolean exists(PostgresServer pg, String db, String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next();
        }
    }
}
