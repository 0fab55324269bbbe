package dev.capstan.runtime.source.mysql;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.StringJoiner;

/**
 * Converts the row values of binlog events read with {@link BinlogDeserializers#create()} into the values of
 * change events (see {@code runtime/docs/mysql-types.md}). {@link JdbcValueConverter} gives equal values for the
 * same stored value read by a snapshot.
 *
 * <p>Results: {@code Integer} (TINYINT, SMALLINT, MEDIUMINT, INT, YEAR), {@code Long} (INT UNSIGNED, BIGINT),
 * {@code BigInteger} (BIGINT UNSIGNED above {@code Long.MAX_VALUE}), {@code BigDecimal} (DECIMAL),
 * {@code Float}, {@code Double}, {@code Boolean} (BIT(1)), {@code String} (everything else), or null.
 *
 * <p>Stateless and thread-safe.
 */
public final class BinlogValueConverter {

    private BinlogValueConverter() {
    }

    /**
     * The change-event value of one cell.
     *
     * @param column the column, from {@link MySqlColumn#fromTableMap} of the event's {@code TABLE_MAP}
     * @param value the cell as {@link BinlogDeserializers#create()} deserializes it; null for SQL NULL
     * @throws IllegalArgumentException if the value does not have the type that deserializer produces
     */
    public static Object convert(MySqlColumn column, Serializable value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (column.type()) {
                case TINYINT -> column.unsigned() ? (Integer) value & 0xFF : value;
                case SMALLINT -> column.unsigned() ? (Integer) value & 0xFFFF : value;
                case MEDIUMINT -> column.unsigned() ? (Integer) value & 0xFFFFFF : value;
                case INT -> column.unsigned() ? (Object) Integer.toUnsignedLong((Integer) value) : value;
                case BIGINT -> column.unsigned() ? MySqlNumbers.unsignedBigint((Long) value) : value;
                case DECIMAL -> ((BigDecimal) value).setScale(column.scale());
                case FLOAT -> MySqlNumbers.roundFloat((Float) value);
                case DOUBLE -> (Double) value;
                case BIT -> MySqlNumbers.bits(MySqlNumbers.bitsOf((BitSet) value), column.length());
                case CHAR, VARCHAR, TEXT -> value instanceof String s ? s
                        : MySqlCharsets.decode((byte[]) value, column.charset());
                case BINARY -> base64(padded((byte[]) value, column.length()));
                case VARBINARY, BLOB, GEOMETRY -> base64((byte[]) value);
                case JSON -> MySqlJson.fromBinary((byte[]) value);
                case ENUM -> member(column, (Integer) value);
                case SET -> members(column, (Long) value);
                case DATE -> valid((Long) value) ? MySqlDateTimes.date((Long) value) : null;
                case TIME -> MySqlDateTimes.time((Long) value);
                case DATETIME -> valid((Long) value) ? MySqlDateTimes.dateTime((Long) value) : null;
                case TIMESTAMP -> (Long) value != 0 && valid((Long) value) // 0: the zero TIMESTAMP
                        ? MySqlDateTimes.instant((Long) value) : null;
                case YEAR -> (Integer) value == 1900 ? 0 : value;
            };
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("column " + column.name() + " (" + column.type() + "): unexpected "
                    + value.getClass().getName() + " from the binlog; read it with BinlogDeserializers.create()", e);
        }
    }

    private static boolean valid(long micros) {
        return micros != MySqlDateTimes.INVALID;
    }

    /** MySQL strips the trailing zero bytes of BINARY(n) in the binlog; a SELECT returns all n bytes. */
    private static byte[] padded(byte[] bytes, int length) {
        return bytes.length >= length ? bytes : Arrays.copyOf(bytes, length);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Index 0 is the empty string MySQL stores for invalid values in non-strict mode. */
    private static String member(MySqlColumn column, int index) {
        if (index == 0) {
            return "";
        }
        if (index > column.values().size()) {
            throw new IllegalStateException("column " + column.name() + ": ENUM index " + index + " beyond its "
                    + column.values().size() + " members");
        }
        return column.values().get(index - 1);
    }

    private static String members(MySqlColumn column, long mask) {
        StringJoiner joined = new StringJoiner(",");
        for (int i = 0; i < column.values().size(); i++) {
            if ((mask >>> i & 1) != 0) {
                joined.add(column.values().get(i));
            }
        }
        return joined.toString();
    }
}
