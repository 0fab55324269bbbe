package dev.capstan.testing;

/**
 * Injects the test run's shared {@link KafkaBroker} into test methods, lifecycle methods and constructors that
 * declare a parameter of that type. Started when first asked for, closed when the run ends. Register with
 * {@link WithKafka @WithKafka} or {@code @ExtendWith(KafkaExtension.class)}.
 */
public final class KafkaExtension extends SharedServerExtension<KafkaBroker> {

    public KafkaExtension() {
        super(KafkaBroker.class, () -> KafkaBroker.builder().start());
    }
}
