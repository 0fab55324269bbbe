package dev.capstan.runtime.source.mysql;

import java.util.Locale;

/**
 * The MySQL/MariaDB column types Capstan converts, one constant per group that shares a JSON representation
 * (see {@code runtime/docs/mysql-types.md}). {@code BOOLEAN} is {@code TINYINT(1)}; {@code TINYTEXT} to
 * {@code LONGTEXT} are {@link #TEXT}, {@code TINYBLOB} to {@code LONGBLOB} are {@link #BLOB}; MariaDB's
 * {@code JSON} is a {@code LONGTEXT} and so {@link #TEXT}; only MySQL's binary {@code JSON} is {@link #JSON}.
 */
public enum MySqlType {
    // the numeric types first: isNumeric() relies on it
    TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, DECIMAL, FLOAT, DOUBLE, BIT,
    CHAR, VARCHAR, TEXT, ENUM, SET, BINARY, VARBINARY, BLOB, JSON, GEOMETRY,
    DATE, TIME, DATETIME, TIMESTAMP, YEAR;

    /**
     * The type of an {@code information_schema.COLUMNS.DATA_TYPE}, e.g. {@code int}, {@code longtext}, {@code point}.
     *
     * @throws IllegalArgumentException for types Capstan does not convert, e.g. MariaDB's {@code uuid} and
     *     {@code inet6}
     */
    public static MySqlType fromDataType(String dataType) {
        return switch (dataType.toLowerCase(Locale.ROOT)) {
            case "tinyint" -> TINYINT;
            case "smallint" -> SMALLINT;
            case "mediumint" -> MEDIUMINT;
            case "int", "integer" -> INT;
            case "bigint" -> BIGINT;
            case "decimal", "numeric" -> DECIMAL;
            case "float" -> FLOAT;
            case "double", "real" -> DOUBLE;
            case "bit" -> BIT;
            case "char" -> CHAR;
            case "varchar" -> VARCHAR;
            case "tinytext", "text", "mediumtext", "longtext" -> TEXT;
            case "enum" -> ENUM;
            case "set" -> SET;
            case "binary" -> BINARY;
            case "varbinary" -> VARBINARY;
            case "tinyblob", "blob", "mediumblob", "longblob" -> BLOB;
            case "json" -> JSON;
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                    "geometrycollection", "geomcollection" -> GEOMETRY;
            case "date" -> DATE;
            case "time" -> TIME;
            case "datetime" -> DATETIME;
            case "timestamp" -> TIMESTAMP;
            case "year" -> YEAR;
            default -> throw new IllegalArgumentException("MySQL/MariaDB column type '" + dataType
                    + "' is not supported");
        };
    }

    /** Whether {@code UNSIGNED} applies: the integers, DECIMAL, FLOAT and DOUBLE. */
    public boolean isNumeric() {
        return ordinal() <= DOUBLE.ordinal();
    }

    /** Whether values are characters in a character set: CHAR, VARCHAR, TEXT, ENUM, SET. */
    public boolean hasCharset() {
        return this == CHAR || this == VARCHAR || this == TEXT || this == ENUM || this == SET;
    }

    /** Whether the time part has fractional seconds digits: TIME, DATETIME, TIMESTAMP. */
    public boolean hasFsp() {
        return this == TIME || this == DATETIME || this == TIMESTAMP;
    }
}
