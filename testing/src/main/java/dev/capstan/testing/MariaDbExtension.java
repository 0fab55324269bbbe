package dev.capstan.testing;

/**
 * Injects the test run's shared {@link MariaDbServer} into test methods, lifecycle methods and constructors that declare
 * a parameter of that type. It is started with default settings when first asked for and closed when the run
 * ends. Register with {@link WithMariaDb @WithMariaDb} or {@code @ExtendWith(MariaDbExtension.class)}.
 *
 * <pre>{@code
 * @WithMariaDb
 * class SomeIT {
 *     @Test
 *     void works(MariaDbServer server) { ... }
 * }
 * }</pre>
 *
 * For non-default settings (negative tests), build a private one with {@link MariaDbServer#builder()} instead.
 */
public final class MariaDbExtension extends SharedServerExtension<MariaDbServer> {

    public MariaDbExtension() {
        super(MariaDbServer.class, () -> MariaDbServer.builder().start());
    }
}
