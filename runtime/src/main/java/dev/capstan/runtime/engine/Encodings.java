package dev.capstan.runtime.engine;

import dev.capstan.api.naming.PipelineNames;
import dev.capstan.api.v1alpha1.Format;
import dev.capstan.registry.client.RegistryClient;
import dev.capstan.runtime.config.PipelineConfig;
import dev.capstan.runtime.config.SchemaPolicyConfig;
import dev.capstan.runtime.format.AvroEventFormat;
import dev.capstan.runtime.format.AvroSchemas;
import dev.capstan.runtime.format.EventEncoding;
import dev.capstan.runtime.format.JsonEventFormat;
import dev.capstan.runtime.offsets.OffsetStore;
import dev.capstan.runtime.schema.LocalVersions;
import dev.capstan.runtime.schema.RegistryVersions;
import dev.capstan.runtime.schema.SchemaGate;
import dev.capstan.runtime.schema.SchemaStoreException;
import dev.capstan.runtime.schema.SchemaVersions;
import dev.capstan.runtime.status.PipelineStats;
import dev.capstan.runtime.status.SourceState;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Builds a pipeline's {@link EventEncoding}: its format, and the schema gate with the schema versions it
 * keeps in the registry (a schema policy is set) or in the offsets topic (JSON without a policy).
 *
 * <p>Used by {@link Pipeline} on its own thread.
 */
final class Encodings {

    /** How long a registration found in the registry is trusted without asking again. */
    static final Duration REGISTRY_CACHE_TTL = Duration.ofMinutes(5);
    private final PipelineConfig config;
    private final SchemaGate gate;
    private final EventEncoding encoding;
    private final java.util.concurrent.atomic.AtomicReference<OffsetStore> offsets =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile AvroEventFormat.FixedIds ids;

    Encodings(PipelineConfig config, PipelineStats stats, SourceState state, BooleanSupplier running) {
        this.config = config;
        SchemaPolicyConfig policy = config.policy();
        SchemaVersions versions;
        if (policy != null) {
            versions = new RegistryVersions(new RegistryClient(policy.registryUrl(), policy.username(),
                    policy.password(), Duration.ofSeconds(10)), REGISTRY_CACHE_TTL, Clock.systemUTC());
        } else {
            versions = new LocalVersions(offsets::get);
        }
        String connector = config.postgres() != null ? "postgresql" : "mysql";
        this.gate = new SchemaGate(config.name(), config.kafka().topicPrefix(), connector, versions, policy, stats,
                state, running, 1000);
        boolean avro = config.format() == Format.AVRO;
        this.encoding = new EventEncoding(avro ? () -> new AvroEventFormat(ids) : JsonEventFormat::new, gate, avro);
    }

    SchemaGate gate() {
        return gate;
    }

    EventEncoding encoding() {
        return encoding;
    }

    /** With the offsets loaded: registers the fixed Avro schemas (markers, notices). Blocks; retries. */
    void prepare(OffsetStore store) throws InterruptedException, SchemaStoreException {
        offsets.set(store);
        if (config.format() == Format.AVRO) {
            String prefix = config.kafka().topicPrefix();
            String markers = PipelineNames.transactionTopic(prefix);
            String notices = PipelineNames.schemaChangesTopic(prefix);
            ids = new AvroEventFormat.FixedIds(
                    gate.registerFixed(markers + "-key", AvroSchemas.markerKey()),
                    gate.registerFixed(markers + "-value", AvroSchemas.markerValue()),
                    gate.registerFixed(notices + "-key", AvroSchemas.noticeKey()),
                    gate.registerFixed(notices + "-value", AvroSchemas.noticeValue()));
        }
    }
}
