package dev.capstan.registry;

/** Kafka did not acknowledge a write to the registry's topic; the registry's state is unchanged. */
final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StoreException(RegistrySettings settings, Throwable cause) {
        super("writing to Kafka topic " + settings.topic() + " on " + settings.bootstrapServers() + " failed: "
                + cause, cause);
    }
}
