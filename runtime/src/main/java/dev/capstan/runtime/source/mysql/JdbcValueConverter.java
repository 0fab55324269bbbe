package dev.capstan.runtime.source.mysql;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;

/**
 * Converts the columns of snapshot rows read over JDBC (MariaDB Connector/J, text or binary protocol) into the
 * values of change events, equal to what {@link BinlogValueConverter} gives for the same stored value.
 *
 * <p><b>Assumptions:</b> the session time zone is UTC ({@code SET time_zone = '+00:00'}, as
 * {@link MySqlConnections#openForSnapshot()} does): the server sends TIMESTAMP values in the session time zone,
 * which is then the UTC instant; in another session time zone TIMESTAMP values would be off by its offset. And
 * the connection does not set Connector/J's {@code preserveInstants}, so the driver does not shift date-times
 * between time zones. No value depends on the JVM's time zone.
 *
 * <p>Temporal values are read as {@code java.time} values ({@code LocalDate}, {@code LocalDateTime},
 * {@code Duration} for TIME), not through {@code java.sql.Date/Time/Timestamp} (JVM time zone, Julian calendar
 * before 1582, no negative or 838-hour TIMEs) nor through {@code getString} (Connector/J 3.5 rebuilds DATETIME
 * text in the JVM time zone and misprints TIME fractions in the binary protocol). Zero dates and dates with a
 * zero month or day become null, whether the driver returns null or refuses to decode them.
 *
 * <p>Stateless and thread-safe.
 */
public final class JdbcValueConverter {

    private JdbcValueConverter() {
    }

    /**
     * The change-event value of column {@code index} (1-based) of the current row.
     *
     * @param column the column, from {@link MySqlColumn#fromInformationSchema}
     */
    public static Object convert(MySqlColumn column, ResultSet row, int index) throws SQLException {
        return switch (column.type()) {
            case TINYINT, SMALLINT, MEDIUMINT -> integer(row, index);
            case INT -> column.unsigned() ? longValue(row, index) : integer(row, index);
            case BIGINT -> column.unsigned() ? unsignedBigint(row.getString(index)) : longValue(row, index);
            case DECIMAL -> decimal(row.getBigDecimal(index), column.scale());
            case FLOAT -> {
                float value = row.getFloat(index);
                yield row.wasNull() ? null : MySqlNumbers.roundFloat(value);
            }
            case DOUBLE -> {
                double value = row.getDouble(index);
                yield row.wasNull() ? null : (Object) value;
            }
            case BIT -> {
                byte[] bytes = row.getBytes(index);
                yield bytes == null ? null : MySqlNumbers.bits(MySqlNumbers.bitsOf(bytes), column.length());
            }
            case CHAR, VARCHAR, TEXT, ENUM, SET -> row.getString(index);
            case JSON -> {
                String text = row.getString(index);
                yield text == null ? null : MySqlJson.canonical(text);
            }
            case BINARY, VARBINARY, BLOB, GEOMETRY -> {
                byte[] bytes = row.getBytes(index);
                yield bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
            }
            case DATE -> {
                Long micros = localMicros(row, index, true);
                yield micros == null ? null : MySqlDateTimes.date(micros);
            }
            case TIME -> {
                Duration value = row.getObject(index, Duration.class);
                yield value == null ? null : MySqlDateTimes.time(value.toNanos() / 1000);
            }
            case DATETIME -> {
                Long micros = localMicros(row, index, false);
                yield micros == null ? null : MySqlDateTimes.dateTime(micros);
            }
            case TIMESTAMP -> {
                Long micros = localMicros(row, index, false);
                yield micros == null ? null : MySqlDateTimes.instant(micros);
            }
            case YEAR -> {
                String text = row.getString(index);
                yield text == null ? null : (Object) Integer.parseInt(text);
            }
        };
    }

    private static Object integer(ResultSet row, int index) throws SQLException {
        int value = row.getInt(index);
        return row.wasNull() ? null : (Object) value;
    }

    private static Object longValue(ResultSet row, int index) throws SQLException {
        long value = row.getLong(index);
        return row.wasNull() ? null : (Object) value;
    }

    private static Object unsignedBigint(String text) {
        return text == null ? null : MySqlNumbers.unsignedBigint(text);
    }

    private static Object decimal(BigDecimal value, int scale) {
        return value == null ? null : value.setScale(scale);
    }

    /**
     * DATE, DATETIME and TIMESTAMP as {@code java.time} values (the driver builds them from the fields the server
     * sends, without time zones unless {@code preserveInstants} is set), to microseconds since 1970-01-01T00:00.
     * Null for SQL NULL, zero dates, and dates with a zero month or day, which the driver refuses to decode.
     */
    private static Long localMicros(ResultSet row, int index, boolean date) throws SQLException {
        try {
            if (date) {
                LocalDate value = row.getObject(index, LocalDate.class);
                return value == null ? null : value.toEpochDay() * MySqlDateTimes.MICROS_PER_DAY;
            }
            LocalDateTime value = row.getObject(index, LocalDateTime.class);
            return value == null ? null : MySqlDateTimes.epochMicros(value);
        } catch (SQLDataException | DateTimeException e) {
            return null;
        }
    }
}
