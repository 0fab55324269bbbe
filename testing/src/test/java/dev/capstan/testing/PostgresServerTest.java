package dev.capstan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.replication.PGReplicationStream;

@WithPostgres
class PostgresServerTest {

    @Test
    void insertArrivesAsPgoutputMessageThroughALogicalSlot(PostgresServer pg) throws Exception {
        String db = pg.createDatabase("pgoutput_smoke");
        execute(pg, db, "CREATE TABLE bookings (id int PRIMARY KEY, guest text)",
                "CREATE PUBLICATION smoke_pub FOR TABLE bookings");
        try (Connection replication = pg.connectForReplication(db)) {
            PGConnection pgConnection = replication.unwrap(PGConnection.class);
            pgConnection.getReplicationAPI().createReplicationSlot().logical()
                    .withSlotName("smoke_slot").withOutputPlugin("pgoutput").make();
            execute(pg, db, "INSERT INTO bookings VALUES (1, 'ada')");

            try (PGReplicationStream stream = pgConnection.getReplicationAPI().replicationStream().logical()
                    .withSlotName("smoke_slot")
                    .withSlotOption("proto_version", "1")
                    .withSlotOption("publication_names", "smoke_pub")
                    .withStatusInterval(1, TimeUnit.SECONDS)
                    .start()) {
                ByteBuffer insert = nextMessageOfType(stream, 'I');

                assertThat((char) insert.get()).isEqualTo('I');
                insert.getInt();                                         // relation OID
                assertThat((char) insert.get()).isEqualTo('N');          // a new tuple follows
                assertThat(textColumns(insert)).containsExactly("1", "ada");
            }
        }
    }

    @Test
    void restartKeepsPortDataAndReplicationSlots(PostgresServer pg) throws Exception {
        String db = pg.createDatabase("restart_smoke");
        execute(pg, db, "CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (42)",
                "SELECT pg_create_logical_replication_slot('restart_slot', 'pgoutput')");
        int port = pg.port();

        pg.restart();

        assertThat(pg.isRunning()).isTrue();
        assertThat(pg.port()).isEqualTo(port);
        assertThat(query(pg, db, "SELECT id FROM t")).containsExactly("42");
        assertThat(query(pg, db, "SELECT slot_name FROM pg_replication_slots")).contains("restart_slot");
        assertThat(query(pg, db, "SHOW wal_level")).containsExactly("logical");
    }

    @Test
    void wrongPasswordIsRejectedWithSqlState28P01(PostgresServer pg) {
        assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), "wrong"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void builderOverridesSettingsAndCloseLeavesNothingBehind() throws Exception {
        PostgresServer replicaOnly = PostgresServer.builder().setting("wal_level", "replica").start();
        Path scratch = replicaOnly.dataDirectory().getParent();
        long pid;
        try {
            assertThat(query(replicaOnly, "postgres", "SHOW wal_level")).containsExactly("replica");
            assertThatThrownBy(() -> execute(replicaOnly, "postgres",
                    "SELECT pg_create_logical_replication_slot('s', 'pgoutput')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("55000");
                        assertThat(e.getMessage()).contains("wal_level");
                    });
            pid = Long.parseLong(Files.readAllLines(replicaOnly.dataDirectory().resolve("postmaster.pid")).get(0));
        } finally {
            replicaOnly.close();
        }
        assertThat(ProcessKiller.isGone(pid)).as("postmaster %d gone", pid).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(scratch).doesNotExist());
    }

    @Test
    void runsInstalledBinariesFromABinDirectory() throws Exception {
        Path bin = Path.of("/usr/lib/postgresql/15/bin");
        assumeTrue(Files.isExecutable(bin.resolve("postgres")), "no distribution PostgreSQL 15 installed");
        try (PostgresServer pg = PostgresServer.builder().binaries(bin).start()) {
            assertThat(pg.serverVersion()).startsWith("15.");
            assertThat(query(pg, "postgres", "SHOW wal_level")).containsExactly("logical");
            pg.restart();
            assertThat(query(pg, "postgres", "SELECT 1")).containsExactly("1");
        }
    }

    private static ByteBuffer nextMessageOfType(PGReplicationStream stream, char type) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            ByteBuffer message = stream.readPending();
            if (message == null) {
                Thread.sleep(10);
            } else if (message.get(message.position()) == type) {
                return message;
            }
        }
        throw new AssertionError("no '" + type + "' message within 30 s");
    }

    private static List<String> textColumns(ByteBuffer tuple) {
        int columns = tuple.getShort();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            char kind = (char) tuple.get();
            assertThat(kind).isEqualTo('t');
            byte[] value = new byte[tuple.getInt()];
            tuple.get(value);
            values.add(new String(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    static void execute(PostgresServer pg, String db, String... statements) throws SQLException {
        try (Connection connection = pg.connect(db); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static List<String> query(PostgresServer pg, String db, String sql) throws SQLException {
        try (Connection connection = pg.connect(db); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
