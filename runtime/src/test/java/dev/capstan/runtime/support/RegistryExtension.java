package dev.capstan.runtime.support;

import dev.capstan.registry.RegistryServer;
import dev.capstan.registry.RegistrySettings;
import dev.capstan.testing.KafkaExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the test run's shared capstan-registry (on the run's shared Kafka broker, topic
 * {@code _capstan_test_schemas}) into parameters of type {@link RegistryServer}; started on first use, closed
 * at the end of the run before the broker. Tests keep apart by their pipelines' topic prefixes (subjects).
 */
public final class RegistryExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            RegistryExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RegistryServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String bootstrap = KafkaExtension.broker(context).bootstrapServers();
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(RegistryServer.class, key -> RegistryServer.start(
                RegistrySettings.builder(bootstrap).host("127.0.0.1").topic("_capstan_test_schemas").build()),
                RegistryServer.class);
    }
}
