package dev.capstan.runtime.config;

/**
 * The pipeline or its environment is wrong in a way the user must fix. The message names the field
 * or value and says what to do; it never contains a secret.
 */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
