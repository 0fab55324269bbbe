package dev.capstan.runtime.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How a masked column's value is written. Thread-safe. */
public enum Mask {
    /** The lower-case hex SHA-256 of the value's text: stable, so it still joins. */
    SHA256,
    /** The constant {@link #REDACTED}. */
    REDACT;

    public static final String REDACTED = "****";

    /** Masks one value; null stays null. */
    public Object apply(Object value) {
        if (value == null) {
            return null;
        }
        if (this == REDACT) {
            return REDACTED;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
