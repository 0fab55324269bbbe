package dev.capstan.testing;

/**
 * Injects the test run's shared {@link PostgresServer} into every test method, lifecycle method and constructor
 * parameter of that type. It is started with default settings when a parameter first asks for it (a class that asks for
 * none starts none) and closed when the run ends. Register with {@link WithPostgres @WithPostgres} or {@code
 * @ExtendWith(PostgresExtension.class)}.
 *
 * <p>For other settings (negative tests), build a private one with {@link PostgresServer#builder()}.
 */
public final class PostgresExtension extends SharedServerExtension<PostgresServer> {

    public PostgresExtension() {
        super(PostgresServer.class, () -> PostgresServer.builder().start());
    }
}
