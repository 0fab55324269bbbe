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

    /** Converts the cells of one column; see {@link #forColumn}. */
    @FunctionalInterface
    public interface Cell {

        /**
         * @param value the cell as {@link BinlogDeserializers#create()} deserializes it; null for SQL NULL
         * @throws IllegalArgumentException if the value does not have the type that deserializer produces
         */
        Object convert(Serializable value);
    }

    /**
     * The change-event value of one cell.
     *
     * @param column the column, from {@link MySqlColumn#fromTableMap} of the event's {@code TABLE_MAP}
     * @param value the cell as {@link BinlogDeserializers#create()} deserializes it; null for SQL NULL
     * @throws IllegalArgumentException if the value does not have the type that deserializer produces
     */
    public static Object convert(MySqlColumn column, Serializable value) {
        return forColumn(column).convert(value);
    }

    /**
     * The conversion of {@code column}'s cells, chosen once per column (a table model keeps one per column): each
     * cell then runs the few instructions of its type rather than a switch over every type, which also keeps
     * the JIT-compiled code of the row loop small.
     */
    public static Cell forColumn(MySqlColumn column) {
        Cell cell = typed(column);
        return value -> {
            if (value == null) {
                return null;
            }
            try {
                return cell.convert(value);
            } catch (ClassCastException e) {
                throw new IllegalArgumentException("column " + column.name() + " (" + column.type() + "): unexpected "
                        + value.getClass().getName() + " from the binlog; read it with BinlogDeserializers.create()",
                        e);
            }
        };
    }

    /** The conversion of a non-null cell of {@code column}. */
    private static Cell typed(MySqlColumn column) {
        boolean unsigned = column.unsigned();
        return switch (column.type()) {
            case TINYINT -> unsigned ? v -> (Integer) v & 0xFF : v -> (Integer) v;
            case SMALLINT -> unsigned ? v -> (Integer) v & 0xFFFF : v -> (Integer) v;
            case MEDIUMINT -> unsigned ? v -> (Integer) v & 0xFFFFFF : v -> (Integer) v;
            case INT -> unsigned ? v -> Integer.toUnsignedLong((Integer) v) : v -> (Integer) v;
            case BIGINT -> unsigned ? v -> MySqlNumbers.unsignedBigint((Long) v) : v -> (Long) v;
            case DECIMAL -> v -> ((BigDecimal) v).setScale(column.scale());
            case FLOAT -> v -> MySqlNumbers.roundFloat((Float) v);
            case DOUBLE -> v -> (Double) v;
            case BIT -> v -> MySqlNumbers.bits(MySqlNumbers.bitsOf((BitSet) v), column.length());
            case CHAR, VARCHAR, TEXT -> v -> v instanceof String s ? s
                    : MySqlCharsets.decode((byte[]) v, column.charset());
            case BINARY -> v -> base64(padded((byte[]) v, column.length()));
            case VARBINARY, BLOB, GEOMETRY -> v -> base64((byte[]) v);
            case JSON -> v -> MySqlJson.fromBinary((byte[]) v);
            case ENUM -> v -> member(column, (Integer) v);
            case SET -> v -> members(column, (Long) v);
            case DATE -> v -> valid((Long) v) ? MySqlDateTimes.date((Long) v) : null;
            case TIME -> v -> MySqlDateTimes.time((Long) v);
            case DATETIME -> v -> valid((Long) v) ? MySqlDateTimes.dateTime((Long) v) : null;
            case TIMESTAMP -> v -> (Long) v != 0 && valid((Long) v) // 0: the zero TIMESTAMP
                    ? MySqlDateTimes.instant((Long) v) : null;
            case YEAR -> v -> (Integer) v == 1900 ? 0 : v;
        };
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
