package dev.capstan.runtime.source.postgres;

import dev.capstan.runtime.event.ColumnType;
import java.util.Map;

/**
 * Built-in PostgreSQL type OIDs (from {@code pg_type.dat}; stable across versions) and the
 * choice of {@link PgValueConverter} for each.
 *
 * <p>Stateless and thread-safe.
 */
public final class PgTypes {

    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int JSON = 114;
    public static final int XML = 142;
    public static final int CIDR = 650;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int MACADDR8 = 774;
    public static final int MONEY = 790;
    public static final int MACADDR = 829;
    public static final int INET = 869;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int TIMETZ = 1266;
    public static final int BIT = 1560;
    public static final int VARBIT = 1562;
    public static final int NUMERIC = 1700;
    public static final int UUID = 2950;
    public static final int JSONB = 3802;

    /** The first OID of user-defined objects ({@code FirstNormalObjectId}). */
    public static final int FIRST_USER_OID = 16384;

    /** Array type OID to element type OID. */
    private static final Map<Integer, Integer> ARRAY_ELEMENTS = Map.ofEntries(
            Map.entry(1000, BOOL), Map.entry(1001, BYTEA), Map.entry(1002, CHAR), Map.entry(1003, NAME),
            Map.entry(1016, INT8), Map.entry(1005, INT2), Map.entry(1007, INT4), Map.entry(1009, TEXT),
            Map.entry(1028, OID), Map.entry(199, JSON), Map.entry(143, XML), Map.entry(651, CIDR),
            Map.entry(1021, FLOAT4), Map.entry(1022, FLOAT8), Map.entry(775, MACADDR8), Map.entry(791, MONEY),
            Map.entry(1040, MACADDR), Map.entry(1041, INET), Map.entry(1014, BPCHAR), Map.entry(1015, VARCHAR),
            Map.entry(1182, DATE), Map.entry(1183, TIME), Map.entry(1115, TIMESTAMP),
            Map.entry(1185, TIMESTAMPTZ), Map.entry(1187, INTERVAL), Map.entry(1270, TIMETZ),
            Map.entry(1561, BIT), Map.entry(1563, VARBIT), Map.entry(1231, NUMERIC), Map.entry(2951, UUID),
            Map.entry(3807, JSONB));

    /** pg_catalog type name to OID, to resolve domains (a Type message names the base type). */
    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("bool", BOOL), Map.entry("bytea", BYTEA), Map.entry("char", CHAR), Map.entry("name", NAME),
            Map.entry("int8", INT8), Map.entry("int2", INT2), Map.entry("int4", INT4), Map.entry("text", TEXT),
            Map.entry("oid", OID), Map.entry("json", JSON), Map.entry("xml", XML), Map.entry("cidr", CIDR),
            Map.entry("float4", FLOAT4), Map.entry("float8", FLOAT8), Map.entry("macaddr8", MACADDR8),
            Map.entry("money", MONEY), Map.entry("macaddr", MACADDR), Map.entry("inet", INET),
            Map.entry("bpchar", BPCHAR), Map.entry("varchar", VARCHAR), Map.entry("date", DATE),
            Map.entry("time", TIME), Map.entry("timestamp", TIMESTAMP), Map.entry("timestamptz", TIMESTAMPTZ),
            Map.entry("interval", INTERVAL), Map.entry("timetz", TIMETZ), Map.entry("bit", BIT),
            Map.entry("varbit", VARBIT), Map.entry("numeric", NUMERIC), Map.entry("uuid", UUID),
            Map.entry("jsonb", JSONB));

    /** Returns the text unchanged: strings, enums, and every type without a richer mapping. */
    static final PgValueConverter AS_TEXT = text -> text;

    private PgTypes() {
    }

    /** The element type OID of a known built-in array type, or 0 if {@code arrayOid} is not one. */
    public static int arrayElement(int arrayOid) {
        return ARRAY_ELEMENTS.getOrDefault(arrayOid, 0);
    }

    /** The OID of a pg_catalog type with a dedicated converter, by {@code typname}; 0 if none. */
    public static int builtinByName(String typeName) {
        return BY_NAME.getOrDefault(typeName, 0);
    }

    static PgValueConverter converter(int oid, int typeModifier) {
        return switch (oid) {
            case INT2 -> Short::valueOf;
            case INT4 -> Integer::valueOf;
            case INT8, OID -> Long::valueOf;
            case NUMERIC -> PgNumbers::numeric;
            case FLOAT4 -> PgNumbers::float4;
            case FLOAT8 -> PgNumbers::float8;
            case BOOL -> PgTypes::bool;
            case BIT -> typeModifier == 1 ? PgTypes::bit1 : AS_TEXT;
            case BYTEA -> PgBytea::base64;
            case DATE -> PgDateTimes::date;
            case TIMESTAMP -> PgDateTimes::timestamp;
            case TIMESTAMPTZ -> PgDateTimes::timestampTz;
            case TIME -> PgTimes::time;
            case TIMETZ -> PgTimes::timeTz;
            case INTERVAL -> PgIntervals::iso8601;
            default -> {
                int element = arrayElement(oid);
                yield element == 0 ? AS_TEXT : new PgArrayConverter(converter(element, typeModifier));
            }
        };
    }

    /**
     * The source-neutral type of a built-in type OID with a column's {@code atttypmod}: the Avro mapping of
     * {@code runtime/docs/avro.md}. Unconstrained {@code numeric} stays text (its scale varies per value).
     */
    static ColumnType columnType(int oid, int typeModifier) {
        return switch (oid) {
            case INT2, INT4 -> ColumnType.INT;
            case INT8, OID -> ColumnType.LONG;
            case NUMERIC -> typeModifier >= 4
                    ? ColumnType.decimal(((typeModifier - 4) >> 16) & 0xffff, (typeModifier - 4) & 0xffff)
                    : ColumnType.STRING;
            case FLOAT4 -> ColumnType.FLOAT;
            case FLOAT8 -> ColumnType.DOUBLE;
            case BOOL -> ColumnType.BOOLEAN;
            case BIT -> typeModifier == 1 ? ColumnType.BOOLEAN : ColumnType.STRING;
            case BYTEA -> ColumnType.BYTES;
            case DATE -> ColumnType.DATE;
            case TIMESTAMP -> ColumnType.LOCAL_TIMESTAMP_MICROS;
            case TIMESTAMPTZ -> ColumnType.TIMESTAMP_MICROS;
            case TIME -> ColumnType.TIME_MICROS;
            case UUID -> ColumnType.UUID;
            default -> {
                int element = arrayElement(oid);
                yield element == 0 ? ColumnType.STRING : ColumnType.array(columnType(element, typeModifier));
            }
        };
    }

    private static Boolean bool(String text) {
        return switch (text) {
            case "t" -> Boolean.TRUE;
            case "f" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a PostgreSQL bool: '" + text + "'");
        };
    }

    private static Boolean bit1(String text) {
        return switch (text) {
            case "1" -> Boolean.TRUE;
            case "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a PostgreSQL bit(1): '" + text + "'");
        };
    }
}
