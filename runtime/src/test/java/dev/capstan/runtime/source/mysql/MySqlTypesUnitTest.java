package dev.capstan.runtime.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of the MySQL type conversion from byte fixtures, without a server. */
class MySqlTypesUnitTest {

    // Fixtures encoded as MySQL's my_time.cc does (my_time_packed_to_binary, my_datetime_packed_to_binary).
    @Test
    void time2CellsKeepSignHoursAndFraction() throws Exception {
        assertThat(time2("b46efb", 0)).isEqualTo("838:59:59.000000");
        assertThat(time2("4b9105", 0)).isEqualTo("-838:59:59.000000");
        assertThat(time2("7fffffce", 1)).isEqualTo("-00:00:00.500000");
        assertThat(time2("7ffffee7", 2)).isEqualTo("-00:00:01.250000");
        assertThat(time2("7fef7cfffc", 4)).isEqualTo("-01:02:03.000400");
        assertThat(time2("817efb270f", 4)).isEqualTo("23:59:59.999900");
        assertThat(time2("7f3ffff85ee0", 6)).isEqualTo("-12:00:00.500000");
        assertThat(time2("7fffffffffff", 6)).isEqualTo("-00:00:00.000001");
    }

    @Test
    void dateTime2CellsUseTheProlepticCalendar() throws Exception {
        assertThat(MySqlDateTimes.dateTime(BinlogTemporals.datetimeV2(6, in("99bb6aa3de01e240"))))
                .isEqualTo("2026-11-21T10:15:30.123456");
        assertThat(MySqlDateTimes.dateTime(BinlogTemporals.datetimeV2(0, in("930bc2c000"))))
                .isEqualTo("1500-03-01T12:00:00.000000");
        assertThat(MySqlDateTimes.dateTime(BinlogTemporals.datetimeV2(0, in("8000420000"))))
                .isEqualTo("0000-01-01T00:00:00.000000");
        assertThat(MySqlDateTimes.dateTime(BinlogTemporals.datetimeV2(2, in("fef3ff7efb63"))))
                .isEqualTo("9999-12-31T23:59:59.990000");
        assertThat(BinlogTemporals.datetimeV2(0, in("99bb40a000"))).isEqualTo(MySqlDateTimes.INVALID);
        assertThat(MySqlDateTimes.date(BinlogTemporals.date(in("61b80b")))).isEqualTo("1500-03-01");
        assertThat(BinlogTemporals.date(in("000000"))).isEqualTo(MySqlDateTimes.INVALID);
    }

    @Test
    void formatsAroundTheEpoch() {
        assertThat(MySqlDateTimes.dateTime(-1)).isEqualTo("1969-12-31T23:59:59.999999");
        assertThat(MySqlDateTimes.instant(1)).isEqualTo("1970-01-01T00:00:00.000001Z");
        assertThat(MySqlDateTimes.time(0)).isEqualTo("00:00:00.000000");
        assertThat(MySqlDateTimes.epochMicros(2026, 2, 29, 0)).isEqualTo(MySqlDateTimes.INVALID);
        assertThat(MySqlDateTimes.epochMicros(2024, 2, 29, 0)).isNotEqualTo(MySqlDateTimes.INVALID);
    }

    @Test
    void binaryJsonAndPrintedJsonGiveTheSameText() {
        // {"a":[1,2]}: small object, one key "a", value a small array of two inlined int16
        byte[] binary = HexFormat.of().parseHex("00" + "0100" + "1600" + "0b000100" + "020c00" + "61"
                + "02000a00" + "050100" + "050200");
        assertThat(MySqlJson.fromBinary(binary)).isEqualTo("{\"a\":[1,2]}");
        assertThat(MySqlJson.canonical("{\"a\": [1, 2]}")).isEqualTo("{\"a\":[1,2]}");
        assertThat(MySqlJson.canonical("{\"x\": 1e300, \"s\": \"é\\n\"}"))
                .isEqualTo(MySqlJson.canonical("{\"x\":1.0E300,\"s\":\"é\\u000a\"}"));
    }

    @Test
    void enumMembersAreUnquoted() {
        assertThat(InformationSchemaColumns.members("enum('it''s','a\\\\b','x,y','')"))
                .containsExactly("it's", "a\\b", "x,y", "");
        assertThat(InformationSchemaColumns.members("set('a','b')")).containsExactly("a", "b");
    }

    @Test
    void collationIdsNameTheirCharacterSet() {
        MySqlCharsets charsets = MySqlCharsets.builtIn();
        assertThat(charsets.charsetName(45)).isEqualTo("utf8mb4");
        assertThat(charsets.charsetName(8)).isEqualTo("latin1");
        assertThat(charsets.charsetName(63)).isEqualTo("binary");
        assertThat(charsets.charsetName(255)).isEqualTo("utf8mb4");  // MySQL 8 utf8mb4_0900_ai_ci
        assertThat(charsets.charsetName(1069)).isEqualTo("utf8mb4"); // MariaDB utf8mb4_general_nopad_ci
        assertThat(charsets.charsetName(2048)).isEqualTo("utf8mb3"); // MariaDB utf8mb3_uca1400_ai_ci
        assertThat(charsets.charsetName(2304)).isEqualTo("utf8mb4"); // MariaDB utf8mb4_uca1400_ai_ci
        assertThatThrownBy(() -> charsets.charsetName(4000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latin1IsMySqlsCp1252() {
        byte[] bytes = {(byte) 0x80, (byte) 0x81, (byte) 0xE9};
        assertThat(MySqlCharsets.decode(bytes, "latin1")).isEqualTo("€\u0081é");
        assertThat(MySqlCharsets.decode(new byte[] {0, (byte) 0xE9}, "ucs2")).isEqualTo("é");
    }

    @Test
    void floatsKeepTheDigitsMySqlPrints() {
        assertThat(MySqlNumbers.roundFloat(1.2345678f)).isEqualTo(1.23457f);
        assertThat(MySqlNumbers.roundFloat(16777217f)).isEqualTo(1.67772E7f);
        assertThat(MySqlNumbers.roundFloat(1.23457f)).isEqualTo(1.23457f);
        assertThat(MySqlNumbers.roundFloat(-0.0f)).isEqualTo(-0.0f);
        assertThat(MySqlNumbers.bits(5, 10)).isEqualTo("0000000101");
        assertThat(MySqlNumbers.bits(-1, 64)).isEqualTo("1".repeat(64));
        assertThat(MySqlNumbers.bitsOf(new byte[] {2, 1})).isEqualTo(0x201);
    }

    @Test
    void binlogIntegersAreMadeUnsigned() {
        assertThat(BinlogValueConverter.convert(column(MySqlType.TINYINT, true), -1)).isEqualTo(255);
        assertThat(BinlogValueConverter.convert(column(MySqlType.TINYINT, false), -1)).isEqualTo(-1);
        assertThat(BinlogValueConverter.convert(column(MySqlType.MEDIUMINT, true), -1)).isEqualTo(16777215);
        assertThat(BinlogValueConverter.convert(column(MySqlType.INT, true), -1)).isEqualTo(4294967295L);
        assertThat(BinlogValueConverter.convert(column(MySqlType.BIGINT, true), -1L))
                .isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(BinlogValueConverter.convert(column(MySqlType.BIGINT, true), 7L)).isEqualTo(7L);
        assertThat(BinlogValueConverter.convert(column(MySqlType.YEAR, false), 1900)).isEqualTo(0);
        assertThat(BinlogValueConverter.convert(column(MySqlType.TIMESTAMP, false), 0L)).isNull();
        assertThatThrownBy(() -> BinlogValueConverter.convert(column(MySqlType.DATE, false), "2026-11-21"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BinlogDeserializers");
    }

    @Test
    void tableMapWithDefaultCharsetAndLongChar() {
        TableMapEventData map = new TableMapEventData();
        map.setDatabase("db");
        map.setTable("t");
        // CHAR(100) utf8mb4: 400 bytes, two length bits in the type byte; VARBINARY(8); ENUM; SMALLINT UNSIGNED
        map.setColumnTypes(new byte[] {(byte) 254, 15, (byte) 254, 2});
        map.setColumnMetadata(new int[] {(0xFE ^ 0x10) << 8 | 0x90, 8, 0xF7 << 8 | 1, 0});
        TableMapEventMetadata meta = new TableMapEventMetadata();
        meta.setColumnNames(List.of("c", "vb", "e", "s"));
        BitSet unsigned = new BitSet();
        unsigned.set(3);
        meta.setSignedness(unsigned);
        TableMapEventMetadata.DefaultCharset charset = new TableMapEventMetadata.DefaultCharset();
        charset.setDefaultCharsetCollation(45);
        charset.setCharsetCollations(Map.of(1, 63));
        meta.setDefaultCharset(charset);
        TableMapEventMetadata.DefaultCharset enumCharset = new TableMapEventMetadata.DefaultCharset();
        enumCharset.setDefaultCharsetCollation(8);
        meta.setEnumAndSetDefaultCharset(enumCharset);
        meta.setEnumStrValues(List.<String[]>of(new String[] {"x", "y"}));
        map.setEventMetadata(meta);

        assertThat(MySqlColumn.fromTableMap(map, MySqlCharsets.builtIn())).containsExactly(
                new MySqlColumn("c", MySqlType.CHAR, false, 400, 0, 0, 0, "utf8mb4", List.of()),
                new MySqlColumn("vb", MySqlType.VARBINARY, false, 8, 0, 0, 0, null, List.of()),
                new MySqlColumn("e", MySqlType.ENUM, false, 0, 0, 0, 0, "latin1", List.of("x", "y")),
                new MySqlColumn("s", MySqlType.SMALLINT, true, 0, 0, 0, 0, null, List.of()));
    }

    @Test
    void tableMapWithoutMetadataNamesTheSetting() {
        TableMapEventData map = new TableMapEventData();
        map.setColumnTypes(new byte[] {3});
        map.setColumnMetadata(new int[] {0});
        assertThatThrownBy(() -> MySqlColumn.fromTableMap(map, MySqlCharsets.builtIn()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("binlog_row_metadata=FULL");
    }

    private static MySqlColumn column(MySqlType type, boolean unsigned) {
        return new MySqlColumn("x", type, unsigned, 0, 0, 0, 0, null, List.of());
    }

    private static String time2(String hex, int fsp) throws Exception {
        return MySqlDateTimes.time(BinlogTemporals.timeV2(fsp, in(hex)));
    }

    private static ByteArrayInputStream in(String hex) {
        return new ByteArrayInputStream(HexFormat.of().parseHex(hex));
    }
}
