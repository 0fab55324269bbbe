package dev.capstan.runtime.format;

import dev.capstan.runtime.event.ColumnType;
import dev.capstan.runtime.event.Row;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.apache.avro.io.Encoder;

/**
 * Writes the Java values of change events (see {@link ColumnType.Kind}) as Avro binary of the types
 * {@link AvroSchemas} declares. Values PostgreSQL has but Avro's logical types do not ({@code infinity} dates
 * and timestamps) become the type's largest or smallest value; a value an optional field cannot hold
 * ({@code NaN} in a decimal column, an unchanged TOASTed value of a non-text column) is written as null.
 *
 * <p>Stateless; thread-safe.
 */
final class AvroValues {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private AvroValues() {
    }

    /**
     * Writes the fields of a row record: {@code row}'s values in column order, optional ones as unions.
     *
     * @param required {@link AvroSchemas#required} of the row's columns
     */
    static void writeRow(Encoder out, Row row, boolean[] required) throws IOException {
        for (int i = 0; i < row.size(); i++) {
            ColumnType type = row.columns().type(i);
            Object value = row.value(i);
            if (required[i]) {
                write(out, type, value, row.name(i));
            } else {
                writeOptional(out, type, value, row.name(i));
            }
        }
    }

    /** Writes a key record: every field required. */
    static void writeKey(Encoder out, Row key) throws IOException {
        for (int i = 0; i < key.size(); i++) {
            write(out, key.columns().type(i), key.value(i), key.name(i));
        }
    }

    private static void writeOptional(Encoder out, ColumnType type, Object value, String column) throws IOException {
        if (value == null || !representable(type, value)) {
            out.writeIndex(0);
            out.writeNull();
        } else {
            out.writeIndex(1);
            write(out, type, value, column);
        }
    }

    /** Whether a non-null value has an Avro form in {@code type} (the unavailable marker only in text). */
    private static boolean representable(ColumnType type, Object value) {
        if (!(value instanceof String text) || type.kind() == ColumnType.Kind.STRING
                || type.kind() == ColumnType.Kind.UUID) {
            return true;
        }
        if (Row.UNAVAILABLE.equals(text)) {
            return false;
        }
        return type.kind() != ColumnType.Kind.DECIMAL || type.precision() == 0 || !text.equals("NaN")
                && !text.endsWith("Infinity");
    }

    private static void write(Encoder out, ColumnType type, Object value, String column) throws IOException {
        if (value == null) {
            throw new IllegalArgumentException("key column '" + column + "' is null; a key value is required");
        }
        try {
            switch (type.kind()) {
                case BOOLEAN -> out.writeBoolean((Boolean) value);
                case INT -> out.writeInt(((Number) value).intValue());
                case LONG -> out.writeLong(((Number) value).longValue());
                case FLOAT -> out.writeFloat(value instanceof Number n ? n.floatValue() : Float.parseFloat(value.toString()));
                case DOUBLE -> out.writeDouble(value instanceof Number n ? n.doubleValue()
                        : Double.parseDouble(value.toString()));
                case DECIMAL -> writeDecimal(out, type, value);
                case STRING, UUID -> out.writeString(value instanceof String s ? s : String.valueOf(value));
                case BYTES -> out.writeBytes(value instanceof byte[] b ? b : Base64.getDecoder().decode((String) value));
                case DATE -> out.writeInt(date(value.toString()));
                case TIME_MICROS -> out.writeLong(timeMicros(value.toString()));
                case TIMESTAMP_MICROS -> out.writeLong(timestampMicros(value.toString(), true));
                case LOCAL_TIMESTAMP_MICROS -> out.writeLong(timestampMicros(value.toString(), false));
                case ARRAY -> writeArray(out, type.element(), (List<?>) value, column);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("column '" + column + "': cannot write " + describe(value)
                    + " as Avro " + type + ": " + e.getMessage(), e);
        }
    }

    private static void writeArray(Encoder out, ColumnType element, List<?> items, String column) throws IOException {
        out.writeArrayStart();
        out.setItemCount(items.size());
        for (Object item : items) {
            out.startItem();
            writeOptional(out, element, item, column);
        }
        out.writeArrayEnd();
    }

    private static void writeDecimal(Encoder out, ColumnType type, Object value) throws IOException {
        if (type.precision() == 0) {
            out.writeString(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
            return;
        }
        BigDecimal decimal;
        if (value instanceof BigDecimal d) {
            decimal = d;
        } else if (value instanceof BigInteger i) {
            decimal = new BigDecimal(i);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            decimal = BigDecimal.valueOf(((Number) value).longValue());
        } else {
            decimal = new BigDecimal(value.toString());
        }
        BigDecimal scaled = decimal.setScale(type.scale(), RoundingMode.UNNECESSARY);
        if (scaled.precision() > type.precision()) {
            throw new IllegalArgumentException("more than " + type.precision() + " digits");
        }
        out.writeBytes(scaled.unscaledValue().toByteArray());
    }

    private static int date(String text) {
        return switch (text) {
            case "infinity" -> Integer.MAX_VALUE;
            case "-infinity" -> Integer.MIN_VALUE;
            default -> Math.toIntExact(LocalDate.parse(text).toEpochDay());
        };
    }

    /** {@code [-]H:mm:ss[.f]} as microseconds; negative and beyond 24 hours for MySQL's TIME durations. */
    static long timeMicros(String text) {
        boolean negative = text.startsWith("-");
        String[] parts = (negative ? text.substring(1) : text).split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a time: '" + text + "'");
        }
        BigDecimal seconds = new BigDecimal(parts[2]);
        long micros = (Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60) * MICROS_PER_SECOND
                + seconds.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        return negative ? -micros : micros;
    }

    private static long timestampMicros(String text, boolean utc) {
        switch (text) {
            case "infinity":
                return Long.MAX_VALUE;
            case "-infinity":
                return Long.MIN_VALUE;
            default:
                Instant instant = utc ? Instant.parse(text) : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        }
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return value.getClass().getSimpleName() + " '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                + "'";
    }
}
