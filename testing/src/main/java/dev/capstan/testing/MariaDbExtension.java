package dev.capstan.testing;

/**
 * Injects the test run's shared {@link MariaDbServer} into every test method, lifecycle method and constructor
 * parameter of that type. It is started with default settings when a parameter first asks for it (a class that asks for
 * none starts none) and closed when the run ends. Register with {@link WithMariaDb @WithMariaDb} or {@code
 * @ExtendWith(MariaDbExtension.class)}.
 *
 * <p>For other settings (negative tests), build a private one with {@link MariaDbServer#builder()}.
 */
public final class MariaDbExtension extends SharedServerExtension<MariaDbServer> {

    public MariaDbExtension() {
        super(MariaDbServer.class, () -> MariaDbServer.builder().start());
    }
}
