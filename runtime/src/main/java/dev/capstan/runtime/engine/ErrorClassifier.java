package dev.capstan.runtime.engine;

import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.source.postgres.PgOutputException;
import java.io.IOException;
import java.sql.SQLException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Decides whether a failure is worth retrying (connection lost, server restarting, broker away) or
 * fatal (bad credentials, missing privileges or objects, bad configuration), for every source and
 * sink in one place.
 *
 * <p>Stateless and thread-safe.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    /** True when retrying later may succeed without anyone changing anything. */
    public static boolean isRetriable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConfigException || t instanceof PgOutputException || t instanceof AuthenticationException
                    || t instanceof AuthorizationException) {
                return false;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return isRetriableSqlState(sql.getSQLState());
            }
            if (t instanceof IOException || t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Retriable SQLSTATE classes: 08 connection exception, 53 insufficient resources, 40 transaction
     * rollback, 57P01-57P03 server shutting down or starting, 55006 object in use (a replication slot
     * still held by a walsender that is going away). Everything else (28 authentication, 42 syntax or
     * privileges, 3D unknown database, 55000 wrong state such as wal_level) is fatal.
     */
    static boolean isRetriableSqlState(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("40")
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("55006");
    }
}
