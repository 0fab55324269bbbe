package dev.capstan.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** Checks an {@code Authorization: Basic ...} header against the configured credentials, in constant time. */
final class BasicAuth {

    private final byte[] expected;

    BasicAuth(String username, String password) {
        this.expected = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code header} (null when absent) carries the configured user and password. */
    boolean accepts(String header) {
        if (header == null) {
            return false;
        }
        String[] parts = header.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }
}
