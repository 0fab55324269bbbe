package dev.capstan.testing;

/**
 * Injects the test run's shared {@link PostgresServer} into test methods, lifecycle methods and constructors that declare
 * a parameter of that type. It is started with default settings when first asked for and closed when the run
 * ends. Register with {@link WithPostgres @WithPostgres} or {@code @ExtendWith(PostgresExtension.class)}.
 *
 * <pre>{@code
 * @WithPostgres
 * class SomeIT {
 *     @Test
 *     void works(PostgresServer server) { ... }
 * }
 * }</pre>
 *
 * For non-default settings (negative tests), build a private one with {@link PostgresServer#builder()} instead.
 */
public final class PostgresExtension extends SharedServerExtension<PostgresServer> {

    public PostgresExtension() {
        super(PostgresServer.class, () -> PostgresServer.builder().start());
    }
}
