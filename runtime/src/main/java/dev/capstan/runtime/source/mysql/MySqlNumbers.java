package dev.capstan.runtime.source.mysql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.BitSet;

/**
 * The numeric representations both converters share: BIGINT UNSIGNED, FLOAT, BIT. Stateless.
 */
final class MySqlNumbers {

    /** MySQL and MariaDB print FLOAT with 6 significant digits ({@code FLT_DIG}); JDBC text carries no more. */
    private static final MathContext FLOAT_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

    private MySqlNumbers() {
    }

    /** A BIGINT UNSIGNED from its 64 bits: a {@code Long} up to {@code Long.MAX_VALUE}, else a {@code BigInteger}. */
    static Object unsignedBigint(long bits) {
        return bits >= 0 ? Long.valueOf(bits) : new BigInteger(Long.toUnsignedString(bits));
    }

    /** A BIGINT UNSIGNED from its decimal text. */
    static Object unsignedBigint(String text) {
        BigInteger value = new BigInteger(text);
        return value.bitLength() < 64 ? Long.valueOf(value.longValue()) : value;
    }

    /** A FLOAT rounded to the 6 significant digits MySQL prints, so binlog and JDBC values are equal. */
    static Float roundFloat(float value) {
        if (value == 0 || !Float.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(FLOAT_DIGITS).floatValue();
    }

    /** BIT(1) as a boolean, BIT(n) as a string of n {@code 0}/{@code 1}, most significant bit first. */
    static Object bits(long bits, int length) {
        if (length == 1) {
            return (bits & 1) != 0;
        }
        String digits = Long.toBinaryString(bits);
        return digits.length() >= length ? digits : "0".repeat(length - digits.length()) + digits;
    }

    /** The bits of a binlog BIT value (bit 0 is the least significant). */
    static long bitsOf(BitSet bits) {
        long[] words = bits.toLongArray();
        return words.length == 0 ? 0 : words[0];
    }

    /** The bits of a BIT value read over JDBC (big-endian bytes). */
    static long bitsOf(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = value << 8 | (b & 0xFF);
        }
        return value;
    }
}
