package dev.capstan.runtime.event;

import java.util.Objects;

/**
 * What a column's values are, whatever the source: enough to derive an Avro schema and to turn the
 * event's Java value into the Avro one. Sources map their types here ({@code PgTypes.columnType},
 * {@code MySqlColumn.columnType}); both the stream and the snapshot path of a source give equal types.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind      the value kind
 * @param precision {@link Kind#DECIMAL}: the number of digits; 0 otherwise
 * @param scale     {@link Kind#DECIMAL}: the digits after the point; 0 otherwise
 * @param element   {@link Kind#ARRAY}: the element type; null otherwise
 */
public record ColumnType(Kind kind, int precision, int scale, ColumnType element) {

    /** Value kinds; the Java value the event carries for each is in the comment. */
    public enum Kind {
        /** Boolean. */
        BOOLEAN,
        /** Short, Integer. */
        INT,
        /** Long, Integer, Short. */
        LONG,
        /** Float, or the String NaN / Infinity / -Infinity. */
        FLOAT,
        /** Double, Float, or the String NaN / Infinity / -Infinity. */
        DOUBLE,
        /** BigDecimal, BigInteger or Long with a fixed precision and scale. */
        DECIMAL,
        /** String (and anything else, written as its text). */
        STRING,
        /** String, base64 of the bytes. */
        BYTES,
        /** String ISO-8601 date, or infinity / -infinity. */
        DATE,
        /** String {@code [-]H:mm:ss[.ffffff]}, a time of day or (MySQL) a signed duration. */
        TIME_MICROS,
        /** String ISO-8601 instant in UTC, or infinity / -infinity. */
        TIMESTAMP_MICROS,
        /** String ISO-8601 local date-time, or infinity / -infinity. */
        LOCAL_TIMESTAMP_MICROS,
        /** String, the canonical text of a UUID. */
        UUID,
        /** java.util.List of element values. */
        ARRAY
    }

    public static final ColumnType BOOLEAN = of(Kind.BOOLEAN);
    public static final ColumnType INT = of(Kind.INT);
    public static final ColumnType LONG = of(Kind.LONG);
    public static final ColumnType FLOAT = of(Kind.FLOAT);
    public static final ColumnType DOUBLE = of(Kind.DOUBLE);
    public static final ColumnType STRING = of(Kind.STRING);
    public static final ColumnType BYTES = of(Kind.BYTES);
    public static final ColumnType DATE = of(Kind.DATE);
    public static final ColumnType TIME_MICROS = of(Kind.TIME_MICROS);
    public static final ColumnType TIMESTAMP_MICROS = of(Kind.TIMESTAMP_MICROS);
    public static final ColumnType LOCAL_TIMESTAMP_MICROS = of(Kind.LOCAL_TIMESTAMP_MICROS);
    public static final ColumnType UUID = of(Kind.UUID);

    public ColumnType {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.ARRAY) != (element != null)) {
            throw new IllegalArgumentException("an element type belongs to ARRAY and only to it");
        }
    }

    private static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, 0, null);
    }

    /** DECIMAL(precision, scale). */
    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale, null);
    }

    /** An array of {@code element}. */
    public static ColumnType array(ColumnType element) {
        return new ColumnType(Kind.ARRAY, 0, 0, element);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DECIMAL -> "decimal(" + precision + "," + scale + ")";
            case ARRAY -> element + "[]";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
