package dev.capstan.runtime.source.postgres;

/**
 * Converts one column value from PostgreSQL's text output format (what pgoutput sends, with
 * pgjdbc's session settings {@code DateStyle=ISO} and the default {@code IntervalStyle=postgres})
 * into the Java value the JSON change event carries. Conventions follow Debezium's JSON output
 * where reasonable; {@code runtime/docs/postgres-types.md} is the user-facing copy of this table.
 *
 * <table>
 * <caption>PostgreSQL type to event value</caption>
 * <tr><th>PostgreSQL type (OID)</th><th>Java value</th><th>JSON</th></tr>
 * <tr><td>int2 (21)</td><td>Short</td><td>number</td></tr>
 * <tr><td>int4 (23)</td><td>Integer</td><td>number</td></tr>
 * <tr><td>int8 (20), oid (26)</td><td>Long</td><td>number</td></tr>
 * <tr><td>numeric (1700)</td><td>BigDecimal; String {@code "NaN"}, {@code "Infinity"},
 *     {@code "-Infinity"}</td><td>string, e.g. {@code "-12.50"} (keeps precision and scale)</td></tr>
 * <tr><td>float4 (700) / float8 (701)</td><td>Float / Double; String for NaN and
 *     &plusmn;Infinity</td><td>number; string {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}</td></tr>
 * <tr><td>bool (16)</td><td>Boolean</td><td>true / false</td></tr>
 * <tr><td>text, varchar, bpchar, name, char, uuid, money, inet, cidr, macaddr, macaddr8, xml,
 *     varbit, bit(n&gt;1)</td><td>String, as PostgreSQL prints it</td><td>string</td></tr>
 * <tr><td>bit(1) (1560, typmod 1)</td><td>Boolean</td><td>true / false</td></tr>
 * <tr><td>json (114), jsonb (3802)</td><td>String holding the JSON text (Debezium's
 *     {@code io.debezium.data.Json})</td><td>string</td></tr>
 * <tr><td>bytea (17)</td><td>String, base64 of the bytes</td><td>string</td></tr>
 * <tr><td>date (1082)</td><td>String ISO-8601 {@code 2026-11-21}; {@code "infinity"},
 *     {@code "-infinity"}</td><td>string</td></tr>
 * <tr><td>time (1083)</td><td>String {@code HH:mm:ss.SSSSSS}</td><td>string</td></tr>
 * <tr><td>timetz (1266)</td><td>String in UTC {@code HH:mm:ss.SSSSSSZ}</td><td>string</td></tr>
 * <tr><td>timestamp (1114)</td><td>String {@code 2026-11-21T10:15:30.123456}</td><td>string</td></tr>
 * <tr><td>timestamptz (1184)</td><td>String in UTC {@code 2026-11-21T09:15:30.123456Z}</td><td>string</td></tr>
 * <tr><td>interval (1186)</td><td>String ISO-8601 duration {@code P1Y2M3DT4H5M6.5S}</td><td>string</td></tr>
 * <tr><td>arrays of the above (e.g. int4[] 1007, text[] 1009)</td><td>java.util.List of the
 *     element values, nested for multi-dimensional arrays, null for NULL elements</td><td>array</td></tr>
 * <tr><td>enums, domains of unknown types, other types</td><td>String, as PostgreSQL prints it</td><td>string</td></tr>
 * </table>
 *
 * <p>A converter never sees SQL NULL or an unchanged TOAST value: callers check
 * {@link TupleData#kind(int)} first. Converters throw {@link IllegalArgumentException} (or
 * {@link java.time.DateTimeException}) for text that is not valid output of their type.
 *
 * <p>Implementations are stateless and thread-safe; look one up per column once and reuse it.
 */
@FunctionalInterface
public interface PgValueConverter {

    /** Converts a non-null text-format value. */
    Object convert(String text);

    /** The converter for a built-in type OID; unknown OIDs convert to the text itself. */
    static PgValueConverter forType(int typeOid) {
        return PgTypes.converter(typeOid, -1);
    }

    /** The converter for a type OID and a column's {@code atttypmod} (used for {@code bit(1)}). */
    static PgValueConverter forType(int typeOid, int typeModifier) {
        return PgTypes.converter(typeOid, typeModifier);
    }
}
