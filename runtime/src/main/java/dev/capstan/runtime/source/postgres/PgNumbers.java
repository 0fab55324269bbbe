package dev.capstan.runtime.source.postgres;

import java.math.BigDecimal;

/**
 * numeric, real and double precision values. The special values NaN and &plusmn;Infinity, which
 * JSON numbers cannot hold, stay strings.
 *
 * <p>Stateless and thread-safe.
 */
final class PgNumbers {

    private PgNumbers() {
    }

    /** numeric: a {@link BigDecimal} keeping the scale ({@code "1.50"} stays 1.50), or the special value text. */
    static Object numeric(String text) {
        return isSpecial(text) ? text : new BigDecimal(text);
    }

    /** real: a {@link Float}, or the special value text. */
    static Object float4(String text) {
        return isSpecial(text) ? text : Float.valueOf(text);
    }

    /** double precision: a {@link Double}, or the special value text. */
    static Object float8(String text) {
        return isSpecial(text) ? text : Double.valueOf(text);
    }

    /** PostgreSQL prints these as {@code NaN}, {@code Infinity} and {@code -Infinity}. */
    private static boolean isSpecial(String text) {
        char first = text.isEmpty() ? ' ' : text.charAt(0);
        return first == 'N' || first == 'I' || (first == '-' && text.length() > 1 && text.charAt(1) == 'I');
    }
}
