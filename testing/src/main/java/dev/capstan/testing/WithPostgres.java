package dev.capstan.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives tests a PostgreSQL server shared by the whole test run: declare a {@link PostgresServer} parameter on a test
 * method, a lifecycle method or the constructor. Same as {@code @ExtendWith(PostgresExtension.class)}.
 *
 * <pre>{@code
 * @WithPostgres
 * class SomeTest {
 *     @Test
 *     void works(PostgresServer server) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(PostgresExtension.class)
public @interface WithPostgres {
}
