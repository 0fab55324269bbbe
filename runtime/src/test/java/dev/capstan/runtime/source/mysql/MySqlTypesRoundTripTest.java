package dev.capstan.runtime.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import dev.capstan.testing.MariaDbServer;
import dev.capstan.testing.WithMariaDb;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every MySQL/MariaDB type through both paths against a real MariaDB: rows read back from the binlog
 * ({@link BinlogDeserializers} + {@link BinlogValueConverter}) and by a snapshot query over JDBC
 * ({@link JdbcValueConverter}, text and binary protocol) must equal the same exact values.
 */
@WithMariaDb
class MySqlTypesRoundTripTest {

    private static final String TABLE = """
            CREATE TABLE everything (
              id INT PRIMARY KEY, y YEAR,
              ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED,
              mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,
              de DECIMAL(30,10), deu DECIMAL(5,2) UNSIGNED, f FLOAT, d DOUBLE,
              b1 BIT(1), b10 BIT(10), b64 BIT(64),
              c CHAR(4), vc VARCHAR(20), tx TEXT, l1 VARCHAR(10) CHARACTER SET latin1,
              bn BINARY(4), vb VARBINARY(8), bl BLOB,
              dt DATE, tm0 TIME, tm2 TIME(2), tm4 TIME(4), tm6 TIME(6), dtm DATETIME(6), dtm0 DATETIME,
              ts TIMESTAMP(3) NULL, e ENUM('small','médium','large'), s SET('a','b','c','d'), j JSON, g GEOMETRY
            ) DEFAULT CHARSET=utf8mb4""";
    private static final List<String> NAMES = List.of("id", "y", "ti", "tiu", "si", "siu", "mi", "miu", "i", "iu",
            "bi", "biu", "de", "deu", "f", "d", "b1", "b10", "b64", "c", "vc", "tx", "l1", "bn", "vb", "bl", "dt",
            "tm0", "tm2", "tm4", "tm6", "dtm", "dtm0", "ts", "e", "s", "j", "g");
    private static final int ROWS = 6;
    private static final String POINT = wkb("00000000" + "0101000000" + "000000000000f03f" + "0000000000000040");
    private static final String LINE = wkb("00000000" + "0102000000" + "02000000" + "0000000000000000".repeat(2)
            + "000000000000f03f".repeat(2));

    @Test
    void binlogAndSnapshotGiveTheSameExactValues(MariaDbServer mariadb) throws Exception {
        String db = mariadb.createDatabase("mysql_types");
        try (Connection c = mariadb.connect(db); Statement st = c.createStatement()) {
            st.execute(TABLE);
            String[] start = binlogPosition(st);
            // TIMESTAMPs written in UTC+1: the events must carry the UTC instant.
            st.execute("SET time_zone = '+01:00'");
            st.execute("INSERT INTO everything VALUES (1, 2155, 127, 255, 32767, 65535, 8388607, 16777215,"
                    + " 2147483647, 4294967295, 9223372036854775807, 18446744073709551615,"
                    + " 12345678901234567890.0123456789, 999.99, 1.2345678, 1.2345678901234567,"
                    + " b'1', b'1000000001', b'" + "1".repeat(64) + "', 'ab', 'Grüße 🎉', '日本語 ✓', 'Grüße',"
                    + " 'ab', x'00ff10', x'deadbeef', '2026-11-21', '838:59:59', '-00:00:01.25', '-1:02:03.0004',"
                    + " '-12:00:00.5', '2026-11-21 10:15:30.123456', '0001-01-01 00:00:00', '2026-11-21 10:15:30.123',"
                    + " 'médium', 'c,a', '{\"a\": [1, 2], \"b\": \"ü\"}', ST_GeomFromText('POINT(1 2)'))");
            st.execute("INSERT INTO everything VALUES (2, 1901, -128, 0, -32768, 0, -8388608, 0,"
                    + " -2147483648, 0, -9223372036854775808, 9223372036854775808, -0.0000000001, 0, 16777217, -1e308,"
                    + " b'0', b'101', b'1', '', '', '', '', x'00000000', x'', x'', '1000-01-01', '-838:59:59',"
                    + " '00:00:00', '23:59:59.9999', '-00:00:00.000001', '9999-12-31 23:59:59.999999',"
                    + " '1970-01-01 00:00:00', '1970-01-01 01:00:01', 'small', '', '[]',"
                    + " ST_GeomFromText('LINESTRING(0 0, 1 1)'))");
            st.execute("SET sql_mode = ''");
            st.execute("INSERT INTO everything (id, y, dt, dtm, dtm0, ts, e) VALUES (3, 0, '0000-00-00',"
                    + " '0000-00-00 00:00:00', '2026-11-00 10:00:00', '0000-00-00 00:00:00', '')");
            st.execute("INSERT INTO everything (id, dt, dtm) VALUES (4, '2026-11-00', '0000-01-01 00:00:00')");
            st.execute("INSERT INTO everything (id) VALUES (5)");
            st.execute("SET sql_mode = 'ALLOW_INVALID_DATES'");
            st.execute("INSERT INTO everything (id, dt, dtm0) VALUES (6, '0000-01-01', '2026-02-31 12:00:00')");

            List<MySqlColumn> columns = MySqlColumn.fromInformationSchema(c, db, "everything");
            assertSnapshot(snapshot(mariadb.connect(db), columns, false));
            assertSnapshot(snapshot(DriverManager.getConnection(mariadb.jdbcUrl(db)
                    + "?useServerPrepStmts=true", mariadb.user(), mariadb.password()), columns, true));

            st.execute("UPDATE everything SET tm6 = '-00:00:00.5' WHERE id = 2");
            st.execute("DELETE FROM everything WHERE id = 5");
            Binlog binlog = readBinlog(mariadb, start, db);

            assertThat(binlog.columns).as("columns from TABLE_MAP").isEqualTo(columns);
            assertThat(columns.get(NAMES.indexOf("c")))
                    .isEqualTo(new MySqlColumn("c", MySqlType.CHAR, false, 16, 0, 0, 0, "utf8mb4", List.of()));
            assertThat(columns.get(NAMES.indexOf("de")))
                    .isEqualTo(new MySqlColumn("de", MySqlType.DECIMAL, false, 0, 30, 10, 0, null, List.of()));
            assertThat(columns.get(NAMES.indexOf("e")).values()).containsExactly("small", "médium", "large");
            assertThat(columns.get(NAMES.indexOf("biu")).unsigned()).isTrue();
            for (int id = 1; id <= ROWS; id++) {
                assertThat(named(binlog.inserted.get(id - 1))).as("binlog row %d", id).isEqualTo(expected(id));
            }
            Map<String, Object> updated = new LinkedHashMap<>(expected(2));
            updated.put("tm6", "-00:00:00.500000");
            assertThat(named(binlog.updateBefore)).as("update before").isEqualTo(expected(2));
            assertThat(named(binlog.updateAfter)).as("update after").isEqualTo(updated);
            assertThat(named(binlog.deleted)).as("deleted row").isEqualTo(expected(5));
        }
    }

    @Test
    void builtInCollationsAgreeWithTheServer(MariaDbServer mariadb) throws Exception {
        Map<Integer, String> server = new HashMap<>();
        try (Connection c = mariadb.connect(""); Statement st = c.createStatement()) {
            for (String view : List.of("COLLATIONS", "COLLATION_CHARACTER_SET_APPLICABILITY")) {
                try (ResultSet rs = st.executeQuery("SELECT ID, CHARACTER_SET_NAME FROM information_schema." + view
                        + " WHERE ID IS NOT NULL")) {
                    while (rs.next()) {
                        server.put(rs.getInt(1), rs.getString(2));
                    }
                }
            }
            MySqlCharsets loaded = MySqlCharsets.load(c);
            assertThat(server).hasSizeGreaterThan(300);
            server.forEach((id, charset) -> {
                assertThat(MySqlCharsets.builtIn().charsetName(id)).as("built-in collation %d", id).isEqualTo(charset);
                assertThat(loaded.charsetName(id)).as("loaded collation %d", id).isEqualTo(charset);
            });
        }
    }

    private static void assertSnapshot(List<List<Object>> rows) {
        assertThat(rows).hasSize(ROWS);
        for (int id = 1; id <= ROWS; id++) {
            assertThat(named(rows.get(id - 1))).as("snapshot row %d", id).isEqualTo(expected(id));
        }
    }

    /** The exact change-event values of the rows inserted above. */
    private static Map<String, Object> expected(int id) {
        List<Object> values = switch (id) {
            case 1 -> Arrays.asList(1, 2155, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295L,
                    Long.MAX_VALUE, new BigInteger("18446744073709551615"),
                    new BigDecimal("12345678901234567890.0123456789"), new BigDecimal("999.99"), 1.23457f,
                    1.2345678901234567, true, "1000000001", "1".repeat(64), "ab", "Grüße 🎉", "日本語 ✓", "Grüße",
                    "YWIAAA==", "AP8Q", "3q2+7w==", "2026-11-21", "838:59:59.000000", "-00:00:01.250000",
                    "-01:02:03.000400", "-12:00:00.500000", "2026-11-21T10:15:30.123456",
                    "0001-01-01T00:00:00.000000", "2026-11-21T09:15:30.123000Z", "médium", "a,c",
                    "{\"a\": [1, 2], \"b\": \"ü\"}", POINT);
            case 2 -> Arrays.asList(2, 1901, -128, 0, -32768, 0, -8388608, 0, Integer.MIN_VALUE, 0L, Long.MIN_VALUE,
                    new BigInteger("9223372036854775808"), new BigDecimal("-0.0000000001"), new BigDecimal("0.00"),
                    1.67772E7f, -1e308, false, "0000000101", "0".repeat(63) + "1", "", "", "", "", "AAAAAA==", "", "",
                    "1000-01-01", "-838:59:59.000000", "00:00:00.000000", "23:59:59.999900", "-00:00:00.000001",
                    "9999-12-31T23:59:59.999999", "1970-01-01T00:00:00.000000", "1970-01-01T00:00:01.000000Z",
                    "small", "", "[]", LINE);
            default -> {
                List<Object> nulls = new ArrayList<>(java.util.Collections.nCopies(NAMES.size(), null));
                nulls.set(0, id);
                if (id == 3) {
                    nulls.set(NAMES.indexOf("y"), 0);   // YEAR 0000; the zero dates are null
                    nulls.set(NAMES.indexOf("e"), "");  // the invalid ENUM value
                } else if (id == 4) {
                    nulls.set(NAMES.indexOf("dtm"), "0000-01-01T00:00:00.000000");
                } else if (id == 6) {
                    nulls.set(NAMES.indexOf("dt"), "0000-01-01");  // 2026-02-31 is not a date: null
                }
                yield nulls;
            }
        };
        return named(values);
    }

    private static Map<String, Object> named(List<?> values) {
        assertThat(values).hasSize(NAMES.size());
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            named.put(NAMES.get(i), values.get(i));
        }
        return named;
    }

    /** A snapshot read in a session with time_zone '+00:00', as the snapshot connection sets it. */
    private static List<List<Object>> snapshot(Connection connection, List<MySqlColumn> columns, boolean prepared)
            throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (connection; Statement st = connection.createStatement()) {
            st.execute("SET time_zone = '+00:00'");
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM everything WHERE id > ?"
                    + " ORDER BY id"); Statement plain = connection.createStatement()) {
                select.setInt(1, 0);
                try (ResultSet rs = prepared ? select.executeQuery() : plain.executeQuery(
                        "SELECT * FROM everything ORDER BY id")) {
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 0; i < columns.size(); i++) {
                            row.add(JdbcValueConverter.convert(columns.get(i), rs, i + 1));
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    private static String[] binlogPosition(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
            assertThat(rs.next()).isTrue();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }

    private static final class Binlog {
        List<MySqlColumn> columns;
        final List<List<Object>> inserted = new ArrayList<>();
        List<Object> updateBefore;
        List<Object> updateAfter;
        List<Object> deleted;
    }

    /** The events of table {@code everything} from {@code start} up to the DELETE, converted. */
    private static Binlog readBinlog(MariaDbServer mariadb, String[] start, String db) throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        BinaryLogClient client = new BinaryLogClient(mariadb.host(), mariadb.port(), mariadb.user(),
                mariadb.password());
        client.setServerId(4343);
        client.setBinlogFilename(start[0]);
        client.setBinlogPosition(Long.parseLong(start[1]));
        client.setEventDeserializer(BinlogDeserializers.create());
        client.registerEventListener(events::add);
        client.connect(TimeUnit.SECONDS.toMillis(10));
        Binlog binlog = new Binlog();
        try {
            Map<Long, TableMapEventData> tables = new LinkedHashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (binlog.deleted == null && System.nanoTime() < deadline) {
                Event event = events.poll(100, TimeUnit.MILLISECONDS);
                Object data = event == null ? null : event.getData();
                if (data instanceof TableMapEventData map && map.getDatabase().equals(db)) {
                    tables.put(map.getTableId(), map);
                    binlog.columns = MySqlColumn.fromTableMap(map, MySqlCharsets.builtIn());
                    for (int i = 0; i < binlog.columns.size(); i++) {
                        assertThat(MySqlColumn.fromTableMap(map, i)).isEqualTo(binlog.columns.get(i));
                    }
                } else if (data instanceof WriteRowsEventData write && tables.containsKey(write.getTableId())) {
                    for (Serializable[] row : write.getRows()) {
                        binlog.inserted.add(convert(binlog.columns, row));
                    }
                } else if (data instanceof UpdateRowsEventData update && tables.containsKey(update.getTableId())) {
                    binlog.updateBefore = convert(binlog.columns, update.getRows().get(0).getKey());
                    binlog.updateAfter = convert(binlog.columns, update.getRows().get(0).getValue());
                } else if (data instanceof DeleteRowsEventData delete && tables.containsKey(delete.getTableId())) {
                    binlog.deleted = convert(binlog.columns, delete.getRows().get(0));
                }
            }
        } finally {
            client.disconnect();
        }
        assertThat(binlog.deleted).as("DELETE event within 30 s").isNotNull();
        return binlog;
    }

    private static List<Object> convert(List<MySqlColumn> columns, Serializable[] row) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            values.add(BinlogValueConverter.convert(columns.get(i), row[i]));
        }
        return values;
    }

    private static String wkb(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
