package dev.capstan.runtime.source.mysql;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * {@link MySqlColumn}s from a binlog {@code TABLE_MAP} event: the type codes and their metadata (lengths,
 * precision, fsp), and the optional metadata of {@code binlog_row_metadata=FULL}. Character sets and ENUM/SET
 * members come as lists over the character columns (CHAR, VARCHAR, TEXT, BLOB and GEOMETRY, binary or not) and
 * over the ENUM/SET columns, so they are matched by counting those columns in table order. Stateless.
 */
final class TableMapColumns {

    // MySQL's enum_field_types, as in the TABLE_MAP column type array.
    private static final int DECIMAL = 0;
    private static final int TINY = 1;
    private static final int SHORT = 2;
    private static final int LONG = 3;
    private static final int FLOAT = 4;
    private static final int DOUBLE = 5;
    private static final int TIMESTAMP = 7;
    private static final int LONGLONG = 8;
    private static final int INT24 = 9;
    private static final int DATE = 10;
    private static final int TIME = 11;
    private static final int DATETIME = 12;
    private static final int YEAR = 13;
    private static final int NEWDATE = 14;
    private static final int VARCHAR = 15;
    private static final int BIT = 16;
    private static final int TIMESTAMP2 = 17;
    private static final int DATETIME2 = 18;
    private static final int TIME2 = 19;
    private static final int JSON = 245;
    private static final int NEWDECIMAL = 246;
    private static final int ENUM = 247;
    private static final int SET = 248;
    private static final int BLOB = 252;
    private static final int VAR_STRING = 253;
    private static final int STRING = 254;
    private static final int GEOMETRY = 255;
    private static final String BINARY_CHARSET = "binary";
    // Indexes of the counters of character, ENUM and SET columns.
    private static final int CHARACTER = 0;
    private static final int ENUM_ORDINAL = 1;
    private static final int SET_ORDINAL = 2;

    private TableMapColumns() {
    }

    static List<MySqlColumn> columns(TableMapEventData map, MySqlCharsets charsets) {
        TableMapEventMetadata meta = metadata(map);
        byte[] types = map.getColumnTypes();
        List<MySqlColumn> columns = new ArrayList<>(types.length);
        int[] ordinals = new int[3];
        for (int i = 0; i < types.length; i++) {
            columns.add(column(map, meta, i, ordinals, charsets));
        }
        return columns;
    }

    static MySqlColumn column(TableMapEventData map, int index, MySqlCharsets charsets) {
        TableMapEventMetadata meta = metadata(map);
        int[] ordinals = new int[3];
        for (int i = 0; i < index; i++) {
            count(realType(map.getColumnTypes()[i] & 0xFF, map.getColumnMetadata()[i]), ordinals);
        }
        return column(map, meta, index, ordinals, charsets);
    }

    private static TableMapEventMetadata metadata(TableMapEventData map) {
        TableMapEventMetadata meta = map.getEventMetadata();
        if (meta == null || meta.getColumnNames() == null) {
            throw new IllegalStateException("the TABLE_MAP event of " + map.getDatabase() + "." + map.getTable()
                    + " has no column metadata; set binlog_row_metadata=FULL on the server");
        }
        return meta;
    }

    /**
     * Column {@code i}; {@code ordinals} counts the character, ENUM and SET columns before it and is advanced
     * past it.
     */
    private static MySqlColumn column(TableMapEventData map, TableMapEventMetadata meta, int i, int[] ordinals,
            MySqlCharsets charsets) {
        int code = realType(map.getColumnTypes()[i] & 0xFF, map.getColumnMetadata()[i]);
        int metadata = map.getColumnMetadata()[i];
        String name = meta.getColumnNames().get(i);
        int character = ordinals[CHARACTER];
        int enumOrdinal = ordinals[ENUM_ORDINAL];
        int setOrdinal = ordinals[SET_ORDINAL];
        count(code, ordinals);
        if (code == ENUM || code == SET) {
            List<String> values = Arrays.asList(code == ENUM ? meta.getEnumStrValues().get(enumOrdinal)
                    : meta.getSetStrValues().get(setOrdinal));
            String charset = charsets.charsetName(collation(meta.getEnumAndSetColumnCharsets(),
                    meta.getEnumAndSetDefaultCharset(), enumOrdinal + setOrdinal, map));
            return new MySqlColumn(name, code == ENUM ? MySqlType.ENUM : MySqlType.SET, false, 0, 0, 0, 0, charset,
                    values);
        }
        if (isCharacter(code)) {
            return character(name, code, metadata, charsets.charsetName(collation(meta.getColumnCharsets(),
                    meta.getDefaultCharset(), character, map)));
        }
        BitSet unsigned = meta.getSignedness();
        return other(name, code, metadata, unsigned != null && unsigned.get(i));
    }

    private static void count(int code, int[] ordinals) {
        if (code == ENUM) {
            ordinals[ENUM_ORDINAL]++;
        } else if (code == SET) {
            ordinals[SET_ORDINAL]++;
        } else if (isCharacter(code)) {
            ordinals[CHARACTER]++;
        }
    }

    /** CHAR and BINARY are STRING with the real type in the high metadata byte, as are ENUM and SET. */
    private static int realType(int code, int meta) {
        if (code == STRING && meta >= 256) {
            int real = meta >> 8;
            if (real == ENUM || real == SET) {
                return real;
            }
        }
        return code;
    }

    private static boolean isCharacter(int code) {
        return code == STRING || code == VARCHAR || code == VAR_STRING || code == BLOB || code == GEOMETRY;
    }

    private static MySqlColumn character(String name, int code, int meta, String charset) {
        boolean binary = BINARY_CHARSET.equals(charset);
        String textCharset = binary ? null : charset;
        return switch (code) {
            case STRING -> new MySqlColumn(name, binary ? MySqlType.BINARY : MySqlType.CHAR, false,
                    stringLength(meta), 0, 0, 0, textCharset, List.of());
            case VARCHAR, VAR_STRING -> new MySqlColumn(name, binary ? MySqlType.VARBINARY : MySqlType.VARCHAR, false,
                    meta, 0, 0, 0, textCharset, List.of());
            case BLOB -> new MySqlColumn(name, binary ? MySqlType.BLOB : MySqlType.TEXT, false, 0, 0, 0, 0,
                    textCharset, List.of());
            default -> new MySqlColumn(name, MySqlType.GEOMETRY, false, 0, 0, 0, 0, null, List.of());
        };
    }

    /** The byte length of CHAR/BINARY; lengths over 255 borrow two bits of the type byte (as MySQL writes them). */
    private static int stringLength(int meta) {
        if (meta < 256) {
            return meta;
        }
        int high = meta >> 8;
        return (high & 0x30) != 0x30 ? (meta & 0xFF) | (((high & 0x30) ^ 0x30) << 4) : meta & 0xFF;
    }

    private static MySqlColumn other(String name, int code, int meta, boolean unsigned) {
        return switch (code) {
            case TINY -> numeric(name, MySqlType.TINYINT, unsigned, 0, 0);
            case SHORT -> numeric(name, MySqlType.SMALLINT, unsigned, 0, 0);
            case INT24 -> numeric(name, MySqlType.MEDIUMINT, unsigned, 0, 0);
            case LONG -> numeric(name, MySqlType.INT, unsigned, 0, 0);
            case LONGLONG -> numeric(name, MySqlType.BIGINT, unsigned, 0, 0);
            case NEWDECIMAL -> numeric(name, MySqlType.DECIMAL, unsigned, meta & 0xFF, meta >> 8);
            case FLOAT -> numeric(name, MySqlType.FLOAT, unsigned, 0, 0);
            case DOUBLE -> numeric(name, MySqlType.DOUBLE, unsigned, 0, 0);
            case BIT -> new MySqlColumn(name, MySqlType.BIT, false, (meta >> 8) * 8 + (meta & 0xFF), 0, 0, 0, null,
                    List.of());
            case JSON -> plain(name, MySqlType.JSON, 0);
            case DATE, NEWDATE -> plain(name, MySqlType.DATE, 0);
            case TIME -> plain(name, MySqlType.TIME, 0);
            case TIME2 -> plain(name, MySqlType.TIME, meta);
            case DATETIME -> plain(name, MySqlType.DATETIME, 0);
            case DATETIME2 -> plain(name, MySqlType.DATETIME, meta);
            case TIMESTAMP -> plain(name, MySqlType.TIMESTAMP, 0);
            case TIMESTAMP2 -> plain(name, MySqlType.TIMESTAMP, meta);
            case YEAR -> plain(name, MySqlType.YEAR, 0);
            default -> throw new IllegalArgumentException("column " + name + ": binlog column type " + code
                    + (code == DECIMAL ? " (pre-5.0 DECIMAL)" : "") + " is not supported");
        };
    }

    private static MySqlColumn numeric(String name, MySqlType type, boolean unsigned, int precision, int scale) {
        return new MySqlColumn(name, type, unsigned, 0, precision, scale, 0, null, List.of());
    }

    private static MySqlColumn plain(String name, MySqlType type, int fsp) {
        return new MySqlColumn(name, type, false, 0, 0, 0, fsp, null, List.of());
    }

    /** The collation of the ordinal-th column of a group: from the per-column list, else default plus exceptions. */
    private static int collation(List<Integer> perColumn, TableMapEventMetadata.DefaultCharset defaults, int ordinal,
            TableMapEventData map) {
        if (perColumn != null && ordinal < perColumn.size()) {
            return perColumn.get(ordinal);
        }
        if (defaults != null) {
            Map<Integer, Integer> exceptions = defaults.getCharsetCollations();
            Integer collation = exceptions == null ? null : exceptions.get(ordinal);
            return collation != null ? collation : defaults.getDefaultCharsetCollation();
        }
        throw new IllegalStateException("the TABLE_MAP event of " + map.getDatabase() + "." + map.getTable()
                + " has no character set for character column " + ordinal + "; set binlog_row_metadata=FULL");
    }
}
