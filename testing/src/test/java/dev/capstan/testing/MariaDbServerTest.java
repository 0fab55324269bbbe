package dev.capstan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import java.io.Serializable;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@WithMariaDb
class MariaDbServerTest {

    @Test
    void insertArrivesAsWriteRowsEventInTheBinlog(MariaDbServer mariadb) throws Exception {
        String db = mariadb.createDatabase("binlog_smoke");
        execute(mariadb, db, "CREATE TABLE bookings (id INT PRIMARY KEY, guest VARCHAR(20))");
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        BinaryLogClient client = new BinaryLogClient(mariadb.host(), mariadb.port(), mariadb.user(),
                mariadb.password());
        client.setServerId(4242);
        client.registerEventListener(events::add);
        client.connect(TimeUnit.SECONDS.toMillis(10));
        try {
            execute(mariadb, db, "INSERT INTO bookings VALUES (1, 'ada')");

            TableMapEventData tableMap = null;
            WriteRowsEventData rows = null;
            List<EventType> types = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rows == null && System.nanoTime() < deadline) {
                Event event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    types.add(event.getHeader().getEventType());
                }
                if (event != null && event.getData() instanceof TableMapEventData map) {
                    tableMap = map;
                } else if (event != null && event.getData() instanceof WriteRowsEventData write) {
                    rows = write;
                }
            }
            assertThat(rows).as("WriteRowsEventData").isNotNull();
            assertThat(types).contains(EventType.MARIADB_GTID);
            List<Serializable[]> written = rows.getRows();
            assertThat(written).hasSize(1);
            assertThat(written.get(0)[0]).isEqualTo(1);
            Serializable guest = written.get(0)[1];   // byte[] or String, depending on the connector's charset handling
            assertThat(guest instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : guest)
                    .isEqualTo("ada");
            assertThat(tableMap.getTable()).isEqualTo("bookings");
            // binlog_row_metadata=FULL puts the column names into TABLE_MAP
            assertThat(tableMap.getEventMetadata().getColumnNames()).containsExactly("id", "guest");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void serverRunsWithCdcBinlogSettings(MariaDbServer mariadb) throws Exception {
        assertThat(query(mariadb, "SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@binlog_row_metadata,"
                + " @@server_id, @@gtid_strict_mode"))
                .containsExactly("1", "ROW", "FULL", "FULL", "1", "1");
    }

    @Test
    void wrongPasswordIsRejected(MariaDbServer mariadb) {
        assertThatThrownBy(() -> DriverManager.getConnection(mariadb.jdbcUrl(""), mariadb.user(), "wrong"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));
    }

    @Test
    void restartKeepsPortAndData(MariaDbServer mariadb) throws Exception {
        String db = mariadb.createDatabase("restart_smoke");
        execute(mariadb, db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (42)");
        int port = mariadb.port();

        mariadb.restart();

        assertThat(mariadb.port()).isEqualTo(port);
        assertThat(query(mariadb, "SELECT id FROM " + db + ".t")).containsExactly("42");
    }

    @Test
    void builderReplacesOptionsAndCloseLeavesNothingBehind() throws Exception {
        MariaDbServer statementBinlog = MariaDbServer.builder().option("binlog_format", "STATEMENT").start();
        Path scratch = statementBinlog.dataDirectory().getParent();
        long pid = Long.parseLong(Files.readString(scratch.resolve("mariadbd.pid")).trim());
        try {
            assertThat(query(statementBinlog, "SELECT @@binlog_format")).containsExactly("STATEMENT");
        } finally {
            statementBinlog.close();
        }
        assertThat(ProcessKiller.isGone(pid)).as("mariadbd %d gone", pid).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scratch).doesNotExist());
    }

    static void execute(MariaDbServer mariadb, String db, String... statements) throws SQLException {
        try (Connection connection = mariadb.connect(db); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The first row, every column as a string. */
    static List<String> query(MariaDbServer mariadb, String sql) throws SQLException {
        try (Connection connection = mariadb.connect(""); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
            }
            return values;
        }
    }
}
