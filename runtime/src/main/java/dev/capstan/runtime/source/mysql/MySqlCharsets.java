package dev.capstan.runtime.source.mysql;

import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MySQL/MariaDB character sets: which character set a collation id (as in binlog {@code TABLE_MAP} events)
 * belongs to, and how to decode the bytes of a character set in Java.
 *
 * <p>{@link #builtIn()} knows the collations every MySQL 8 and MariaDB 10.x/11.x server has, including MariaDB's
 * {@code _nopad_} (1024 + base id) and {@code uca1400} (2048 and up) ids; {@link #load(Connection)} adds what a
 * particular server reports. Immutable and thread-safe.
 */
public final class MySqlCharsets {

    private static final String[] UCA1400_CHARSETS = {"utf8mb3", "utf8mb4", "ucs2", "utf16", "utf32"};
    private static final Map<Integer, String> BUILT_IN = builtInTable();
    private static final MySqlCharsets BUILT_IN_CHARSETS = new MySqlCharsets(BUILT_IN);
    private static final Map<String, Charset> JAVA = new ConcurrentHashMap<>();
    /** MySQL's latin1 is cp1252 with the five bytes cp1252 leaves undefined mapped to U+0081 etc. */
    private static final char[] LATIN1 = latin1Table();

    private final Map<Integer, String> charsetByCollation;

    private MySqlCharsets(Map<Integer, String> charsetByCollation) {
        this.charsetByCollation = Map.copyOf(charsetByCollation);
    }

    /** The collations every supported server version has. */
    public static MySqlCharsets builtIn() {
        return BUILT_IN_CHARSETS;
    }

    /**
     * The built-in collations plus every collation the server lists in {@code information_schema.COLLATIONS}
     * and, on MariaDB 10.10 and later, {@code COLLATION_CHARACTER_SET_APPLICABILITY}. Blocks.
     */
    public static MySqlCharsets load(Connection connection) throws SQLException {
        Map<Integer, String> table = new HashMap<>(BUILT_IN);
        try (Statement statement = connection.createStatement()) {
            read(statement, "SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS", table);
            if (connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb")) {
                try {
                    read(statement, "SELECT ID, CHARACTER_SET_NAME FROM information_schema"
                            + ".COLLATION_CHARACTER_SET_APPLICABILITY", table);
                } catch (SQLException e) {
                    // before MariaDB 10.10 the view has no ID column, and no collation is shared by character sets
                }
            }
        }
        return new MySqlCharsets(table);
    }

    private static void read(Statement statement, String sql, Map<Integer, String> table) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                int id = rows.getInt(1);
                boolean noId = rows.wasNull(); // MariaDB's uca1400 collations without a character set
                String charset = rows.getString(2);
                if (!noId && charset != null) {
                    table.put(id, charset);
                }
            }
        }
    }

    /**
     * The character set name of a collation id, e.g. {@code utf8mb4} for 45; {@code binary} for 63.
     *
     * @throws IllegalArgumentException for an unknown id (use {@link #load(Connection)})
     */
    public String charsetName(int collationId) {
        String name = charsetByCollation.get(collationId);
        if (name == null && collationId >= 2048 && collationId < 2048 + 256 * UCA1400_CHARSETS.length) {
            name = UCA1400_CHARSETS[(collationId - 2048) >> 8];
        }
        if (name == null && collationId >= 1024 && collationId < 2048) {
            name = charsetByCollation.get(collationId - 1024);
        }
        if (name == null) {
            throw new IllegalArgumentException("unknown collation id " + collationId
                    + "; load the server's collations with MySqlCharsets.load(connection)");
        }
        return name;
    }

    /**
     * The text of {@code bytes} in MySQL character set {@code charset}.
     *
     * @throws IllegalArgumentException for a character set Java cannot decode (dec8, hp8, swe7, keybcs2,
     *     armscii8, geostd8)
     */
    public static String decode(byte[] bytes, String charset) {
        if ("latin1".equals(charset)) {
            char[] chars = new char[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                chars[i] = LATIN1[bytes[i] & 0xFF];
            }
            return new String(chars);
        }
        return new String(bytes, JAVA.computeIfAbsent(charset, MySqlCharsets::javaCharset));
    }

    private static Charset javaCharset(String charset) {
        String java = switch (charset) {
            case "utf8mb4", "utf8mb3", "utf8" -> "UTF-8";
            case "ascii" -> "US-ASCII";
            case "ucs2", "utf16" -> "UTF-16BE";
            case "utf16le" -> "UTF-16LE";
            case "utf32" -> "UTF-32BE";
            case "cp1250", "cp1251", "cp1256", "cp1257" -> "windows-" + charset.substring(2);
            case "latin2" -> "ISO-8859-2";
            case "latin5" -> "ISO-8859-9";
            case "latin7" -> "ISO-8859-13";
            case "greek" -> "ISO-8859-7";
            case "hebrew" -> "ISO-8859-8";
            case "koi8r" -> "KOI8-R";
            case "koi8u" -> "KOI8-U";
            case "cp850", "cp852", "cp866" -> "IBM" + charset.substring(2);
            case "sjis" -> "Shift_JIS";
            case "cp932" -> "windows-31j";
            case "ujis" -> "EUC-JP";
            case "eucjpms" -> "x-eucJP-Open";
            case "euckr" -> "EUC-KR";
            case "gbk" -> "GBK";
            case "gb2312" -> "GB2312";
            case "gb18030" -> "GB18030";
            case "big5" -> "Big5";
            case "tis620" -> "TIS-620";
            case "macroman" -> "x-MacRoman";
            case "macce" -> "x-MacCentralEurope";
            default -> throw new IllegalArgumentException("MySQL character set " + charset + " is not supported");
        };
        return Charset.forName(java);
    }

    private static char[] latin1Table() {
        char[] table = new char[256];
        Charset cp1252 = Charset.forName("windows-1252");
        for (int b = 0; b < 256; b++) {
            String decoded = new String(new byte[] {(byte) b}, cp1252);
            table[b] = decoded.charAt(0) == '\uFFFD' ? (char) b : decoded.charAt(0);
        }
        return table;
    }

    private static Map<Integer, String> builtInTable() {
        Map<Integer, String> t = new HashMap<>();
        put(t, "big5", 1, 84);
        put(t, "latin2", 2, 9, 21, 27, 77);
        put(t, "dec8", 3, 69);
        put(t, "cp850", 4, 80);
        put(t, "latin1", 5, 8, 15, 31, 47, 48, 49, 94);
        put(t, "hp8", 6, 72);
        put(t, "koi8r", 7, 74);
        put(t, "swe7", 10, 82);
        put(t, "ascii", 11, 65);
        put(t, "ujis", 12, 91);
        put(t, "sjis", 13, 88);
        put(t, "cp1251", 14, 23, 50, 51, 52);
        put(t, "hebrew", 16, 71);
        put(t, "tis620", 18, 89);
        put(t, "euckr", 19, 85);
        put(t, "latin7", 20, 41, 42, 79);
        put(t, "koi8u", 22, 75);
        put(t, "gb2312", 24, 86);
        put(t, "greek", 25, 70);
        put(t, "cp1250", 26, 34, 44, 66, 99);
        put(t, "gbk", 28, 87);
        put(t, "cp1257", 29, 58, 59);
        put(t, "latin5", 30, 78);
        put(t, "armscii8", 32, 64);
        put(t, "utf8mb3", 33, 76, 83, 223, 576, 577, 578);
        range(t, "utf8mb3", 192, 215);
        put(t, "ucs2", 35, 90, 159, 640, 641, 642);
        range(t, "ucs2", 128, 151);
        put(t, "cp866", 36, 68);
        put(t, "keybcs2", 37, 73);
        put(t, "macce", 38, 43);
        put(t, "macroman", 39, 53);
        put(t, "cp852", 40, 81);
        put(t, "utf8mb4", 45, 46, 608, 609, 610);
        range(t, "utf8mb4", 224, 247);
        range(t, "utf8mb4", 255, 323);
        put(t, "utf16", 54, 55, 672, 673, 674);
        range(t, "utf16", 101, 124);
        put(t, "utf16le", 56, 62);
        put(t, "cp1256", 57, 67);
        put(t, "utf32", 60, 61, 736, 737, 738);
        range(t, "utf32", 160, 183);
        put(t, "binary", 63);
        put(t, "geostd8", 92, 93);
        put(t, "cp932", 95, 96);
        put(t, "eucjpms", 97, 98);
        put(t, "gb18030", 248, 249, 250);
        return t;
    }

    private static void put(Map<Integer, String> table, String charset, int... ids) {
        for (int id : ids) {
            table.put(id, charset);
        }
    }

    private static void range(Map<Integer, String> table, String charset, int first, int last) {
        for (int id = first; id <= last; id++) {
            table.put(id, charset);
        }
    }
}
