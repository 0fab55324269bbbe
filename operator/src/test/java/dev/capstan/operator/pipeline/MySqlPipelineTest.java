package dev.capstan.operator.pipeline;

import static dev.capstan.operator.pipeline.OperatorTestSupport.NAMESPACE;
import static dev.capstan.operator.pipeline.OperatorTestSupport.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.status.Condition;
import dev.capstan.api.v1alpha1.status.ConditionStatus;
import dev.capstan.api.v1alpha1.status.PipelinePhase;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.MariaDbServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithMariaDb;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MySQL/MariaDB pipelines against the fabric8 mock API server (CRUD), a real MariaDB 11.4 and a real Kafka: what
 * the operator checks on the server, what it creates (topics, runtime; nothing on the database) and the exact
 * reasons and messages of each problem.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithMariaDb
@WithKafka
class MySqlPipelineTest {

    @Inject
    KubernetesClient client;

    @Inject
    CdcPipelineReconciler reconciler;

    @BeforeEach
    void crds() {
        OperatorTestSupport.installCrds(client);
    }

    @Test
    void pipelineBecomesTopicsAndRuntime(MariaDbServer db, KafkaBroker kafka) throws Exception {
        db.createDatabase("shop");
        sql(db, "CREATE TABLE shop.orders (id int PRIMARY KEY, total int)", "CREATE TABLE shop.lines (a int, b int)",
                "SET GLOBAL binlog_expire_logs_seconds = 864000");
        try {
            OperatorTestSupport.secret(client, "my-main", db.user(), db.password());
            CdcPipeline pipeline = OperatorTestSupport.mysqlPipeline("shop", db.host(), db.port(), kafka, "my-main",
                    List.of("shop.orders", "shop.lines"), "");
            pipeline.getSpec().getSource().getTables().get(1).setKeyColumns(List.of("a", "B"));
            client.resource(pipeline).create();

            String retention = "binlog_expire_logs_seconds=864000 (10 days)";
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                CdcPipeline p = get("shop");
                assertCondition(p, "SourceConnected", ConditionStatus.TRUE, "Connected");
                assertThat(condition(p, "SourceConnected").orElseThrow().getMessage()).isEqualTo("connected to "
                        + where(db) + ": binlog settings, privileges and 2 table(s) are fine; " + retention);
                assertCondition(p, "SinkConnected", ConditionStatus.TRUE, "Connected");
                assertCondition(p, "SlotHealthy", ConditionStatus.TRUE, "NotApplicable");
                assertThat(condition(p, "SlotHealthy").orElseThrow().getMessage()).isEqualTo("a MySQL/MariaDB "
                        + "source has no replication slot; the server's binlog expiry decides what is kept: "
                        + retention);
                assertThat(condition(p, "Ready").orElseThrow().getReason()).isEqualTo("WaitingForRuntime");
                assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.PENDING);
            });
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                Map<String, TopicDescription> topics = admin.describeTopics(List.of("shop.shop.orders",
                        "shop.shop.lines", "shop.transaction", "shop.capstan-offsets")).allTopicNames().get();
                assertThat(topics.get("shop.shop.orders").partitions()).hasSize(2);
                assertThat(topics.get("shop.shop.lines").partitions()).hasSize(2);
                assertThat(topics.get("shop.capstan-offsets").partitions()).hasSize(1);
                ConfigResource offsets = new ConfigResource(ConfigResource.Type.TOPIC, "shop.capstan-offsets");
                ConfigResource lines = new ConfigResource(ConfigResource.Type.TOPIC, "shop.shop.lines");
                var configs = admin.describeConfigs(List.of(offsets, lines)).all().get();
                assertThat(configs.get(offsets).get("cleanup.policy").value()).isEqualTo("compact");
                assertThat(configs.get(lines).get("retention.ms").value()).isEqualTo("86400000");
            }
            assertThat(client.configMaps().inNamespace(NAMESPACE).withName("shop-runtime").get().getData()
                    .get("pipeline.yaml")).contains("mysql:").contains("serverId: 4242").contains("shop.lines")
                    .doesNotContain("postgres").doesNotContain(db.password());
            Deployment d = deployment("shop");
            assertThat(d.getSpec().getReplicas()).isEqualTo(1);
            assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                    .extracting(m -> m.getMountPath())
                    .containsExactly("/etc/capstan/pipeline", "/etc/capstan/secrets/my-main");
            assertThat(client.services().inNamespace(NAMESPACE).withName("shop-runtime").get()).isNotNull();
            assertThat(client.rbac().roles().inNamespace(NAMESPACE).withName("shop-runtime").get()).isNotNull();

            // Paused: the warning is about the binlog's expiry, not WAL.
            edit("shop", p -> p.getSpec().setPaused(true));
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(deployment("shop").getSpec().getReplicas()).isZero();
                CdcPipeline p = get("shop");
                assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.PAUSED);
                assertThat(condition(p, "Paused").orElseThrow().getMessage()).isEqualTo("spec.paused is true: the "
                        + "runtime is scaled to 0. A MySQL/MariaDB source has no slot holding the binlog: the server "
                        + "keeps binlog files only per its own expire settings: " + retention + "; paused longer than "
                        + "that, the binlog position the pipeline stored may be purged and the pipeline then needs a "
                        + "new snapshot");
            });
            edit("shop", p -> p.getSpec().setPaused(false));

            // The runtime reports binlog positions; no replication slot appears.
            client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName("shop").subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"lag\":{\"millisBehindSource\":5,"
                            + "\"sourcePosition\":\"mariadb-bin.000001:1234\",\"committedPosition\":"
                            + "\"mariadb-bin.000001:1200\"},\"runtime\":{\"state\":\"Streaming\",\"message\":\"\","
                            + "\"lastReportTime\":\"" + Instant.now() + "\"}}}");
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                CdcPipeline p = get("shop");
                assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.STREAMING);
                assertCondition(p, "Ready", ConditionStatus.TRUE, "Streaming");
                assertThat(p.getStatus().getLag().getSourcePosition()).isEqualTo("mariadb-bin.000001:1234");
                assertThat(p.getStatus().getReplicationSlot()).isNull();
            });

            // Delete: the runtime stops, the finalizer goes, nothing is dropped, topics stay.
            client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName("shop").delete();
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(get("shop")).isNull();
                assertThat(deployment("shop")).isNull();
            });
            assertThat(count(db, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'shop'"))
                    .isEqualTo(2);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("shop.shop.orders", "shop.shop.lines");
            }
            assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems()).anyMatch(e ->
                    "Deleted".equals(e.getReason()) && "shop".equals(e.getInvolvedObject().getName())
                            && e.getMessage().equals("runtime stopped; nothing to drop on the MySQL/MariaDB server "
                            + "(no slot or publication); topics kept"));
        } finally {
            sql(db, "SET GLOBAL binlog_expire_logs_seconds = 0");
        }
    }

    @Test
    void statementBinlogIsRefusedAndNothingIsCreated(KafkaBroker kafka) throws Exception {
        try (MariaDbServer legacy = MariaDbServer.builder().option("binlog_format", "STATEMENT")
                .option("binlog_row_metadata", "MINIMAL").start()) {
            legacy.createDatabase("legacy");
            sql(legacy, "CREATE TABLE legacy.t (id int PRIMARY KEY)");
            OperatorTestSupport.secret(client, "my-legacy", legacy.user(), legacy.password());
            client.resource(OperatorTestSupport.mysqlPipeline("legacy", legacy.host(), legacy.port(), kafka,
                    "my-legacy", List.of("legacy.t"), "")).create();

            String message = "spec.source.mysql: " + where(legacy) + ": binlog_format is STATEMENT; set "
                    + "binlog_format=ROW in the server's configuration; binlog_row_metadata is MINIMAL; set "
                    + "binlog_row_metadata=FULL in the server's configuration";
            awaitSourceProblem("legacy", "BinlogFormatNotRow", message);
            assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("legacy-runtime").get())
                    .as("no runtime while the source is unusable").isNull();
            assertThat(client.configMaps().inNamespace(NAMESPACE).withName("legacy-runtime").get()).isNull();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).doesNotContain("legacy.legacy.t");
            }
            assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems()).anyMatch(e ->
                    "BinlogFormatNotRow".equals(e.getReason()) && "Warning".equals(e.getType()));
            client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName("legacy").delete();
            await().atMost(Duration.ofSeconds(30)).until(() -> get("legacy") == null);
        }
    }

    @Test
    void tableProblemsNameTheTable(MariaDbServer db, KafkaBroker kafka) throws Exception {
        db.createDatabase("tabs");
        sql(db, "CREATE TABLE tabs.keyed (id int PRIMARY KEY)", "CREATE TABLE tabs.nokey (a int, b int)");
        OperatorTestSupport.secret(client, "my-tabs", db.user(), db.password());
        client.resource(OperatorTestSupport.mysqlPipeline("tabs", db.host(), db.port(), kafka, "my-tabs",
                List.of("tabs.keyed", "tabs.missing", "tabs.nokey"), "")).create();
        String prefix = "spec.source.mysql: " + where(db) + ": ";
        awaitSourceProblem("tabs", "TableNotFound", prefix + "spec.source.tables: table tabs.missing does not exist; "
                + "create it or remove it from the pipeline; spec.source.tables: table tabs.nokey has no primary key; "
                + "add one, or set keyColumns to the columns that identify a row");

        edit("tabs", p -> {
            p.getSpec().getSource().getTables().remove(1);
            p.getSpec().getSource().getTables().get(1).setKeyColumns(List.of("a", "nothere"));
        });
        awaitSourceProblem("tabs", "KeyColumnNotFound", prefix + "spec.source.tables: keyColumns of tabs.nokey name "
                + "nothere, which the table does not have; fix keyColumns");

        edit("tabs", p -> p.getSpec().getSource().getTables().get(1).setKeyColumns(List.of("a")));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertCondition(get("tabs"), "SourceConnected", ConditionStatus.TRUE, "Connected");
            assertThat(deployment("tabs")).isNotNull();
        });
        client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName("tabs").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("tabs") == null);
    }

    @Test
    void missingPrivilegesAreNamed(MariaDbServer db, KafkaBroker kafka) throws Exception {
        db.createDatabase("privs");
        sql(db, "CREATE TABLE privs.t (id int PRIMARY KEY)", "CREATE TABLE privs.u (id int PRIMARY KEY)",
                "CREATE USER 'capture'@'%' IDENTIFIED BY 'capture-pw'", "GRANT SELECT ON privs.t TO 'capture'@'%'");
        OperatorTestSupport.secret(client, "my-capture", "capture", "capture-pw");
        client.resource(OperatorTestSupport.mysqlPipeline("privs", db.host(), db.port(), kafka, "my-capture",
                List.of("privs.t", "privs.u"), "")).create();
        String prefix = "spec.source.mysql: " + where(db) + ": spec.source.mysql.credentialsSecretRef: user "
                + "'capture'@'%' lacks ";
        String reason = " on *.* (the runtime reads the binlog as a replica; MariaDB 10.5+ calls REPLICATION CLIENT "
                + "BINLOG MONITOR, either is fine); run GRANT ";
        awaitSourceProblem("privs", "SourcePermissionDenied", prefix + "REPLICATION SLAVE, REPLICATION CLIENT" + reason
                + "REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'capture'@'%'; spec.source.tables: user "
                + "'capture'@'%' may not SELECT from privs.u; run GRANT SELECT ON `privs`.* TO 'capture'@'%'");

        // MariaDB's names: BINLOG MONITOR stands for REPLICATION CLIENT; REPLICATION SLAVE ADMIN is not enough.
        sql(db, "GRANT BINLOG MONITOR, REPLICATION SLAVE ADMIN ON *.* TO 'capture'@'%'",
                "GRANT SELECT ON privs.u TO 'capture'@'%'");
        poke("privs");
        awaitSourceProblem("privs", "SourcePermissionDenied", prefix + "REPLICATION SLAVE" + reason
                + "REPLICATION SLAVE ON *.* TO 'capture'@'%'");

        sql(db, "GRANT REPLICATION SLAVE ON *.* TO 'capture'@'%'");
        poke("privs");
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertCondition(get("privs"), "SourceConnected", ConditionStatus.TRUE, "Connected"));
        client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName("privs").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("privs") == null);
    }

    @Test
    void wrongPasswordAndUnreachableServerAreRetried(MariaDbServer db, KafkaBroker kafka) throws Exception {
        OperatorTestSupport.secret(client, "my-wrong", db.user(), "not-the-password");
        client.resource(OperatorTestSupport.mysqlPipeline("wrongpw", db.host(), db.port(), kafka, "my-wrong",
                List.of("shop.orders"), "")).create();
        OperatorTestSupport.secret(client, "my-ok", db.user(), db.password());
        client.resource(OperatorTestSupport.mysqlPipeline("nomysql", db.host(), 1, kafka, "my-ok",
                List.of("shop.orders"), "")).create();

        // The driver's text without its connection id: the same message at every attempt.
        awaitSourceProblem("wrongpw", "SourceAuthenticationFailed", "spec.source.mysql.credentialsSecretRef: "
                + "MySQL/MariaDB at " + db.host() + ":" + db.port() + " refused the login of user 'root' (Access "
                + "denied for user 'root'@'127.0.0.1' (using password: YES)); fix the username/password in the Secret, "
                + "or the host part of the account");
        awaitSourceProblem("nomysql", "SourceUnreachable", "spec.source.mysql.host: cannot connect to MySQL/MariaDB "
                + "at 127.0.0.1:1 (Socket fail to connect to 127.0.0.1:1. Connection refused); check host, port, TLS "
                + "and that the server is up");
        // Retried with backoff (5 s, 10 s, 20 s ...), like PostgreSQL sources: not in a loop of status patches.
        Thread.sleep(6_000);
        assertThat(reconciler.failures(get("wrongpw"))).isBetween(2, 3);
        assertThat(reconciler.failures(get("nomysql"))).isBetween(2, 3);
        assertThat(deployment("wrongpw")).isNull();
        assertThat(deployment("nomysql")).isNull();
        for (String name : List.of("wrongpw", "nomysql")) {
            client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName(name).delete();
            await().atMost(Duration.ofSeconds(30)).until(() -> get(name) == null);
        }
    }

    /** Waits until SourceConnected and Ready are False with {@code reason} and {@code message}, phase Failed. */
    private void awaitSourceProblem(String name, String reason, String message) {
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            CdcPipeline p = get(name);
            assertThat(p.getStatus().getPhase()).isEqualTo(PipelinePhase.FAILED);
            for (String type : List.of("SourceConnected", "Ready")) {
                assertCondition(p, type, ConditionStatus.FALSE, reason);
                assertThat(condition(p, type).orElseThrow().getMessage()).isEqualTo(message);
            }
        });
    }

    private static void assertCondition(CdcPipeline p, String type, ConditionStatus status, String reason) {
        Condition c = condition(p, type).orElseThrow();
        assertThat(c.getStatus()).as(type + ": " + c.getMessage()).isEqualTo(status);
        assertThat(c.getReason()).as(type + ": " + c.getMessage()).isEqualTo(reason);
    }

    /** How the operator names a server in messages: {@code host:port (version)}. */
    private static String where(MariaDbServer server) {
        return server.host() + ":" + server.port() + " (" + server.serverVersion() + ")";
    }

    private static void sql(MariaDbServer server, String... statements) throws SQLException {
        try (Connection c = server.connect(""); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static long count(MariaDbServer server, String query) throws SQLException {
        try (Connection c = server.connect(""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A metadata change wakes the operator at once, as {@code kubectl annotate} would (no backoff wait). */
    private void poke(String name) {
        edit(name, p -> p.getMetadata().setAnnotations(Map.of("test.capstan.dev/poke", Instant.now().toString())));
    }

    /** Edits like kubectl would, trying again when the operator's status patch came first (409). */
    private void edit(String name, Consumer<CdcPipeline> change) {
        await().ignoreException(KubernetesClientException.class).atMost(Duration.ofSeconds(10)).until(() -> {
            client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName(name).edit(p -> {
                change.accept(p);
                return p;
            });
            return true;
        });
    }

    private CdcPipeline get(String name) {
        return client.resources(CdcPipeline.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(name + "-runtime").get();
    }
}
