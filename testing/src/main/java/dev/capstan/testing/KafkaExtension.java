package dev.capstan.testing;

/**
 * Injects the test run's shared {@link KafkaBroker} into every test method, lifecycle method and constructor parameter
 * of that type. It is started with default settings when a parameter first asks for it (a class that asks for none
 * starts none) and closed when the run ends. Register with {@link WithKafka @WithKafka} or {@code
 * @ExtendWith(KafkaExtension.class)}.
 *
 * <p>For other settings (negative tests), build a private one with {@link KafkaBroker#builder()}.
 */
public final class KafkaExtension extends SharedServerExtension<KafkaBroker> {

    public KafkaExtension() {
        super(KafkaBroker.class, () -> KafkaBroker.builder().start());
    }

    /** The run's shared broker, started on first use: for extensions of other modules that need Kafka. */
    public static KafkaBroker broker(org.junit.jupiter.api.extension.ExtensionContext context) {
        return new KafkaExtension().shared(context);
    }
}
