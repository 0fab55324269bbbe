package dev.capstan.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves parameters of type {@code S} (test and lifecycle methods, constructors) with one server shared by the
 * whole test run. The server starts when a parameter first asks for it, so a class that never asks never starts
 * it; it lives in the root {@link ExtensionContext.Store} and is closed when the run ends. A server that failed
 * to start is not retried: every later test gets the same failure at once.
 *
 * @param <S> the server type
 */
abstract class SharedServerExtension<S extends AutoCloseable> implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(SharedServerExtension.class);

    private final Class<S> type;
    private final Supplier<S> starter;

    SharedServerExtension(Class<S> type, Supplier<S> starter) {
        this.type = type;
        this.starter = starter;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The run's shared server, started on first use. */
    final S shared(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        SharedServer<S> shared = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(type, key -> new SharedServer<>(starter), SharedServer.class);
        return shared.get();
    }

    /** Starts the server once; remembers a start failure; closed by JUnit at the end of the run. */
    private static final class SharedServer<S extends AutoCloseable> implements AutoCloseable {

        private final Supplier<S> starter;
        private S server;
        private RuntimeException failure;

        SharedServer(Supplier<S> starter) {
            this.starter = starter;
        }

        synchronized S get() {
            if (server == null && failure == null) {
                try {
                    server = starter.get();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new IllegalStateException("the shared test server did not start", failure);
            }
            return server;
        }

        @Override
        public synchronized void close() throws Exception {
            if (server != null) {
                server.close();
            }
        }
    }
}
