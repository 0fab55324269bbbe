package dev.capstan.runtime.source.postgres;

import java.util.Arrays;
import java.util.Base64;

/**
 * bytea values to base64. Reads both output formats: {@code hex} (the default,
 * {@code \x0aff}) and {@code escape} (printable bytes as themselves, others as {@code \ooo}
 * octal, the backslash as {@code \\}).
 *
 * <p>Stateless and thread-safe.
 */
final class PgBytea {

    private PgBytea() {
    }

    /** The bytes of a bytea text value, base64-encoded (RFC 4648, with padding). */
    static String base64(String text) {
        return Base64.getEncoder().encodeToString(bytes(text));
    }

    /** Decodes a bytea text value. */
    static byte[] bytes(String text) {
        if (text.startsWith("\\x")) {
            return hex(text);
        }
        return escaped(text);
    }

    private static byte[] hex(String text) {
        int digits = text.length() - 2;
        if (digits % 2 != 0) {
            throw new IllegalArgumentException("bytea hex value has an odd number of digits");
        }
        byte[] out = new byte[digits / 2];
        for (int i = 0; i < out.length; i++) {
            int high = Character.digit(text.charAt(2 + 2 * i), 16);
            int low = Character.digit(text.charAt(3 + 2 * i), 16);
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("bytea hex value has a non-hex digit");
            }
            out[i] = (byte) (high << 4 | low);
        }
        return out;
    }

    private static byte[] escaped(String text) {
        byte[] out = new byte[text.length()];
        int n = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\') {
                if (c > 0xFF) {
                    throw new IllegalArgumentException("bytea escape value has a non-byte character");
                }
                out[n++] = (byte) c;
                i++;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out[n++] = (byte) '\\';
                i += 2;
            } else if (i + 3 < text.length() && isOctal(text, i + 1)) {
                out[n++] = (byte) Integer.parseInt(text, i + 1, i + 4, 8);
                i += 4;
            } else {
                throw new IllegalArgumentException("bytea escape value has a bad escape at " + i);
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean isOctal(String text, int from) {
        for (int i = from; i < from + 3; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return text.charAt(from) <= '3';
    }
}
