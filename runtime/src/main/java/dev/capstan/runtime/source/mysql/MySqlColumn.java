package dev.capstan.runtime.source.mysql;

import dev.capstan.runtime.event.ColumnType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One column of a MySQL/MariaDB table, as much as value conversion needs. Both factories, from a binlog
 * {@code TABLE_MAP} event ({@link #fromTableMap}) and from {@code information_schema.COLUMNS}
 * ({@link #fromInformationSchema}), give equal records for the same column, so a snapshot and the stream
 * convert with the same description.
 *
 * @param name the column name
 * @param type the type group
 * @param unsigned {@code UNSIGNED}; always false for types that are not {@linkplain MySqlType#isNumeric numeric}
 * @param length BIT: the number of bits; CHAR, BINARY, VARCHAR, VARBINARY: the maximum length in bytes;
 *     0 for other types
 * @param precision DECIMAL: the number of digits; 0 for other types
 * @param scale DECIMAL: the digits after the point; 0 for other types
 * @param fsp TIME, DATETIME, TIMESTAMP: the fractional seconds digits (0 to 6); 0 for other types
 * @param charset CHAR, VARCHAR, TEXT, ENUM, SET: the MySQL character set name ({@code utf8mb4},
 *     {@code latin1}, ...); null for other types
 * @param values ENUM and SET: the members in definition order; empty for other types
 */
public record MySqlColumn(String name, MySqlType type, boolean unsigned, int length, int precision, int scale,
        int fsp, String charset, List<String> values) {

    /**
     * The columns of one table, in table order, with the columns {@link #fromInformationSchema} reads.
     * Parameters: schema (database) name, table name.
     */
    public static final String INFORMATION_SCHEMA_QUERY = "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE,"
            + " NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME, CHARACTER_OCTET_LENGTH"
            + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";

    public MySqlColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        values = List.copyOf(values);
    }

    /**
     * The columns of a {@code TABLE_MAP} event, in table order. The event must carry the optional metadata of
     * {@code binlog_row_metadata=FULL} (names, signedness, character sets, ENUM and SET members).
     *
     * @param charsets resolves the collation ids of the event to character set names
     * @throws IllegalStateException if the event lacks the metadata
     * @throws IllegalArgumentException for a column type Capstan does not convert
     */
    public static List<MySqlColumn> fromTableMap(TableMapEventData tableMap, MySqlCharsets charsets) {
        return TableMapColumns.columns(tableMap, charsets);
    }

    /**
     * Column {@code index} (0-based) of a {@code TABLE_MAP} event; see
     * {@link #fromTableMap(TableMapEventData, MySqlCharsets)}.
     */
    public static MySqlColumn fromTableMap(TableMapEventData tableMap, int index, MySqlCharsets charsets) {
        return TableMapColumns.column(tableMap, index, charsets);
    }

    /** Column {@code index} (0-based) of a {@code TABLE_MAP} event, collation ids resolved by the built-in table. */
    public static MySqlColumn fromTableMap(TableMapEventData tableMap, int index) {
        return fromTableMap(tableMap, index, MySqlCharsets.builtIn());
    }

    /**
     * The column described by the current row of a result set with the columns of
     * {@link #INFORMATION_SCHEMA_QUERY} (COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE,
     * DATETIME_PRECISION, CHARACTER_SET_NAME, CHARACTER_OCTET_LENGTH).
     *
     * @throws IllegalArgumentException for a column type Capstan does not convert
     */
    public static MySqlColumn fromInformationSchema(ResultSet row) throws SQLException {
        return InformationSchemaColumns.column(row);
    }

    /**
     * The columns of {@code database.table} from {@code information_schema.COLUMNS}, in table order; empty if
     * there is no such table. Blocks.
     *
     * @throws IllegalArgumentException for a column type Capstan does not convert
     */
    public static List<MySqlColumn> fromInformationSchema(Connection connection, String database, String table)
            throws SQLException {
        List<MySqlColumn> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(INFORMATION_SCHEMA_QUERY)) {
            statement.setString(1, database);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(fromInformationSchema(rows));
                }
            }
        }
        return columns;
    }

    /** The source-neutral type of this column's event values (see {@code runtime/docs/avro.md}). */
    public ColumnType columnType() {
        return switch (type) {
            case TINYINT, SMALLINT, MEDIUMINT, YEAR -> ColumnType.INT;
            case INT -> unsigned ? ColumnType.LONG : ColumnType.INT;
            case BIGINT -> unsigned ? ColumnType.decimal(20, 0) : ColumnType.LONG;
            case DECIMAL -> ColumnType.decimal(precision, scale);
            case FLOAT -> ColumnType.FLOAT;
            case DOUBLE -> ColumnType.DOUBLE;
            case BIT -> length == 1 ? ColumnType.BOOLEAN : ColumnType.STRING;
            case CHAR, VARCHAR, TEXT, ENUM, SET, JSON -> ColumnType.STRING;
            case BINARY, VARBINARY, BLOB, GEOMETRY -> ColumnType.BYTES;
            case DATE -> ColumnType.DATE;
            case TIME -> ColumnType.TIME_MICROS;
            case DATETIME -> ColumnType.LOCAL_TIMESTAMP_MICROS;
            case TIMESTAMP -> ColumnType.TIMESTAMP_MICROS;
        };
    }

    /** The types of {@code columns}, in order. */
    public static ColumnType[] columnTypes(java.util.Collection<MySqlColumn> columns) {
        return columns.stream().map(MySqlColumn::columnType).toArray(ColumnType[]::new);
    }
}
