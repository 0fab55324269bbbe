package dev.capstan.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads Secret values from files in the layout Kubernetes mounts them: the key {@code k} of the
 * Secret {@code X} is the file {@code <dir>/X/k}. The same layout is used outside Kubernetes, so there
 * is one code path. Values are never logged.
 *
 * <p>Immutable and thread-safe.
 */
public final class SecretsDir {

    private final Path root;

    public SecretsDir(Path root) {
        this.root = root;
    }

    /**
     * The value of {@code key} in Secret {@code secret}, without a trailing newline.
     *
     * @param field the spec field that names the Secret, for the error message
     * @throws ConfigException naming the file and the field when it is missing or unreadable
     */
    public String read(String secret, String key, String field) {
        Path file = root.resolve(secret).resolve(key);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(field + ": Secret '" + secret + "' has no key '" + key + "' (expected the file "
                    + file + "); create it or fix the secret name");
        }
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8);
            return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        } catch (IOException e) {
            throw new ConfigException(field + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }
}
