package dev.capstan.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives tests a Kafka broker shared by the whole test run: declare a {@link KafkaBroker} parameter on a test method, a
 * lifecycle method or the constructor. Same as {@code @ExtendWith(KafkaExtension.class)}.
 *
 * <pre>{@code
 * @WithKafka
 * class SomeTest {
 *     @Test
 *     void works(KafkaBroker server) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(KafkaExtension.class)
public @interface WithKafka {
}
