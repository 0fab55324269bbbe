package dev.capstan.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each kind of bad input: a clear message naming what to fix, a non-zero exit, nothing created. */
@WithPostgres
@WithKafka
class BadInputTest {

    private static String db;

    @BeforeAll
    static void schema(PostgresServer pg) throws Exception {
        db = pg.createDatabase("badinput");
        Sql.exec(pg, db, "CREATE TABLE present (id int PRIMARY KEY, v text)",
                "CREATE TABLE keyless (v text)");
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result run(TestPipeline pipeline) {
        return run("run", "--pipeline", pipeline.manifest().toString(), "--secrets-dir",
                pipeline.secretsDir().toString(), "--http-port", "0");
    }

    @Test
    void wrongPasswordNamesTheSecretAndCreatesNothing(PostgresServer pg, KafkaBroker kafka) throws Exception {
        TestPipeline p = TestPipeline.of("badpw", pg, db, kafka, List.of("public.present"), pg.user(), "wrong");
        Result r = run(p);
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("spec.source.postgres.credentialsSecretRef").contains("refused the login")
                .doesNotContain("wrong").doesNotContain("\tat ");
        assertNoSlot(pg, p);
    }

    @Test
    void missingTableIsNamed(PostgresServer pg, KafkaBroker kafka) throws Exception {
        TestPipeline p = TestPipeline.of("notable", pg, db, kafka, List.of("public.present", "public.absent"));
        Result r = run(p);
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("spec.source.tables[1].name").contains("public.absent")
                .contains("does not exist");
        assertNoSlot(pg, p);
        assertNoPublication(pg, p);
    }

    @Test
    void tableWithoutKeyNamesBothOptions(PostgresServer pg, KafkaBroker kafka) throws Exception {
        TestPipeline p = TestPipeline.of("nokey", pg, db, kafka, List.of("public.keyless"));
        Result r = run(p);
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("no primary key").contains("ADD PRIMARY KEY")
                .contains("spec.source.tables[0].keyColumns");
        assertNoPublication(pg, p);
    }

    @Test
    void walLevelReplicaSaysHowToFixIt(KafkaBroker kafka) throws Exception {
        try (PostgresServer replica = PostgresServer.builder().setting("wal_level", "replica").start()) {
            String database = replica.createDatabase("walreplica");
            Sql.exec(replica, database, "CREATE TABLE t (id int PRIMARY KEY)");
            Result r = run(TestPipeline.of("walreplica", replica, database, kafka, List.of("public.t")));
            assertThat(r.code()).isNotZero();
            assertThat(r.err()).contains("wal_level=replica").contains("wal_level = logical");
        }
    }

    @Test
    void userWithoutReplicationPrivilegeIsToldTheGrant(PostgresServer pg, KafkaBroker kafka) throws Exception {
        Sql.exec(pg, db, "CREATE ROLE plain LOGIN PASSWORD 'plainpw'",
                "GRANT SELECT ON present TO plain");
        Result r = run(TestPipeline.of("noprivilege", pg, db, kafka, List.of("public.present"), "plain", "plainpw"));
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("may not use logical replication").contains("WITH REPLICATION");
    }

    @Test
    void slotInUseByAnotherConsumerIsNamed(PostgresServer pg, KafkaBroker kafka) throws Exception {
        TestPipeline p = TestPipeline.of("slotbusy", pg, db, kafka, List.of("public.present"));
        String slot = p.config().postgres().slotName();
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            st.execute("CREATE PUBLICATION " + slot + " FOR TABLE present");
        }
        try (Connection other = pg.connectForReplication(db)) {
            var stream = other.unwrap(org.postgresql.PGConnection.class).getReplicationAPI().replicationStream()
                    .logical().withSlotName(slot).withSlotOption("proto_version", 1)
                    .withSlotOption("publication_names", slot).start();
            Result r = run(p);
            assertThat(r.code()).isNotZero();
            assertThat(r.err()).contains("replication slot '" + slot + "' is in use by another connection")
                    .contains("spec.source.postgres.slotName");
            stream.close();
        }
    }

    @Test
    void malformedYamlIsRefused(PostgresServer pg, KafkaBroker kafka) throws Exception {
        TestPipeline p = TestPipeline.of("malformed", pg, db, kafka, List.of("public.present"))
                .edit("spec:\n", "spec:\n  : [\n");
        Result r = run(p);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("invalid pipeline").doesNotContain("\tat ");
    }

    @Test
    void unknownFieldIsNamed(PostgresServer pg, KafkaBroker kafka) throws Exception {
        TestPipeline p = TestPipeline.of("unknown", pg, db, kafka, List.of("public.present"))
                .edit("      heartbeatInterval: 1s\n", "      heartbeatInterval: 1s\n      slotname: x\n");
        Result r = run(p);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("slotname");
    }

    @Test
    void missingSecretFileNamesTheFile(PostgresServer pg, KafkaBroker kafka) throws Exception {
        TestPipeline p = TestPipeline.of("nosecret", pg, db, kafka, List.of("public.present"));
        Files.delete(p.secretsDir().resolve("pg-nosecret").resolve("password"));
        Result r = run(p);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("spec.source.postgres.credentialsSecretRef").contains("'password'");
    }

    @Test
    void usageErrorsAndHelp() {
        assertThat(run("run", "--pipeline").code()).isEqualTo(2);
        assertThat(run("frobnicate").err()).contains("unknown command");
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--secrets-dir");
        assertThat(run("run", "--pipeline", Path.of("/nonexistent.yaml").toString(), "--secrets-dir", "/tmp").err())
                .contains("/nonexistent.yaml");
    }

    private static void assertNoSlot(PostgresServer pg, TestPipeline p) throws Exception {
        assertThat(count(pg, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'capstan_test_"
                + p.name() + "'")).isZero();
    }

    private static void assertNoPublication(PostgresServer pg, TestPipeline p) throws Exception {
        assertThat(count(pg, "SELECT count(*) FROM pg_publication WHERE pubname = 'capstan_test_" + p.name() + "'"))
                .isZero();
    }

    private static long count(PostgresServer pg, String sql) throws Exception {
        try (Connection c = pg.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
