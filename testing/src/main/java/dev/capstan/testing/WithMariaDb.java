package dev.capstan.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives tests a MariaDB server shared by the whole test run: declare a {@link MariaDbServer} parameter on a test
 * method, a lifecycle method or the constructor. Same as {@code @ExtendWith(MariaDbExtension.class)}.
 *
 * <pre>{@code
 * @WithMariaDb
 * class SomeTest {
 *     @Test
 *     void works(MariaDbServer server) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(MariaDbExtension.class)
public @interface WithMariaDb {
}
