package dev.capstan.runtime.source.postgres;

import java.nio.charset.StandardCharsets;

/**
 * Writes one column's value, as PostgreSQL prints it (UTF-8 bytes of the text output), straight into the
 * JSON of a change event: exactly what {@link PgValueConverter} and the JSON format make of it, without the
 * {@code String} and the converted value in between. Integers, numeric, bool, timestamptz in UTC and the
 * types that stay text are written by moving bytes; every other value (and any text that needs escaping)
 * goes the general way ({@link PgJsonRow#writeConverted}). One per column, chosen once per table.
 *
 * <p>Stateless and thread-safe.
 */
abstract class PgJsonCell {

    /** Whether the column is read with {@code getString} (true) or as the raw bytes {@code getBytes} returns. */
    boolean readsText() {
        return false;
    }

    /** Writes the JSON of the non-null value {@code text} (its bytes, or its text when {@link #readsText}). */
    abstract void write(byte[] text, String decoded, PgJsonRow out);

    /** The cell for a column of type {@code typeOid} converted by {@code converter} (the table model's). */
    static PgJsonCell of(int typeOid, PgValueConverter converter) {
        if (converter == PgTypes.AS_TEXT) {
            return TEXT;
        }
        return switch (typeOid) {
            case PgTypes.INT2, PgTypes.INT4, PgTypes.INT8, PgTypes.OID -> NUMBER;
            case PgTypes.NUMERIC -> QUOTED; // PostgreSQL never prints an exponent: the text is BigDecimal's plain form
            case PgTypes.BOOL -> BOOL;
            case PgTypes.TIMESTAMPTZ -> new Utc(converter);
            default -> new Converted(converter);
        };
    }

    /** The cell of a column written as {@code converter} converts it (masked columns). */
    static PgJsonCell converted(PgValueConverter converter) {
        return new Converted(converter);
    }

    /** int2, int4, int8, oid: the digits are the JSON number. */
    private static final PgJsonCell NUMBER = new PgJsonCell() {
        @Override
        void write(byte[] text, String decoded, PgJsonRow out) {
            out.raw(text, 0, text.length);
        }
    };

    /** numeric: a JSON string of the text (digits, or NaN and ±Infinity). */
    private static final PgJsonCell QUOTED = new PgJsonCell() {
        @Override
        void write(byte[] text, String decoded, PgJsonRow out) {
            out.quoted(text, 0, text.length);
        }
    };

    private static final PgJsonCell BOOL = new PgJsonCell() {
        @Override
        void write(byte[] text, String decoded, PgJsonRow out) {
            if (text.length == 1 && text[0] == 't') {
                out.raw(TRUE, 0, TRUE.length);
            } else if (text.length == 1 && text[0] == 'f') {
                out.raw(FALSE, 0, FALSE.length);
            } else {
                throw new IllegalArgumentException("not a PostgreSQL bool: '" + utf8(text) + "'");
            }
        }
    };

    /**
     * Types that stay text: a JSON string of the bytes when none needs escaping. Jackson escapes control
     * characters, quotes, backslashes and characters outside the BMP (4-byte UTF-8 sequences, which it writes as
     * two escaped UTF-16 surrogates): those texts are written by Jackson.
     */
    private static final PgJsonCell TEXT = new PgJsonCell() {
        @Override
        void write(byte[] text, String decoded, PgJsonRow out) {
            for (byte b : text) {
                if (ESCAPED[b & 0xFF]) {
                    out.writeConverted(utf8(text));
                    return;
                }
            }
            out.quoted(text, 0, text.length);
        }
    };

    /** The bytes Jackson does not copy as they are: control characters, quote, backslash, 4-byte UTF-8 leads. */
    private static final boolean[] ESCAPED = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            ESCAPED[b] = b < 0x20 || b == '"' || b == '\\' || (b & 0xF8) == 0xF0;
        }
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    static String utf8(byte[] text) {
        return new String(text, StandardCharsets.UTF_8);
    }

    /**
     * Any other type: read as text ({@code getString}, as the event path reads it; {@code getBytes} would
     * decode a bytea), converted, and written as the JSON format writes the value.
     */
    private static final class Converted extends PgJsonCell {
        private final PgValueConverter converter;

        Converted(PgValueConverter converter) {
            this.converter = converter;
        }

        @Override
        boolean readsText() {
            return true;
        }

        @Override
        void write(byte[] text, String decoded, PgJsonRow out) {
            out.writeConverted(converter.convert(decoded));
        }
    }

    /**
     * timestamptz read in a UTC session, {@code YYYY-MM-DD HH:MM:SS[.f{1,6}]+00}: written as
     * {@code "YYYY-MM-DDTHH:MM:SS.ffffffZ"} by moving bytes; anything else is converted.
     */
    private static final class Utc extends PgJsonCell {
        private final PgValueConverter converter;

        Utc(PgValueConverter converter) {
            this.converter = converter;
        }

        @Override
        void write(byte[] t, String decoded, PgJsonRow out) {
            int n = t.length;
            int fractionEnd = n - 3;
            int digits = fractionEnd > 19 ? fractionEnd - 20 : 0;
            if (n < 22 || n > 29 || t[n - 3] != '+' || t[n - 2] != '0' || t[n - 1] != '0' || t[4] != '-'
                    || t[7] != '-' || t[10] != ' ' || t[13] != ':' || t[16] != ':'
                    || (fractionEnd > 19 && t[19] != '.') || digits > 6) {
                out.writeConverted(converter.convert(utf8(t)));
                return;
            }
            byte[] b = out.reserve(29);
            int p = out.position();
            b[p] = '"';
            System.arraycopy(t, 0, b, p + 1, 10);
            b[p + 11] = 'T';
            System.arraycopy(t, 11, b, p + 12, 8);
            b[p + 20] = '.';
            if (digits > 0) {
                System.arraycopy(t, 20, b, p + 21, digits);
            }
            for (int i = digits; i < 6; i++) {
                b[p + 21 + i] = '0';
            }
            b[p + 27] = 'Z';
            b[p + 28] = '"';
            out.advance(29);
        }
    }
}
