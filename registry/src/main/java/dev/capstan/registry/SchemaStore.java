package dev.capstan.registry;

import dev.capstan.registry.compat.CompatibilityMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state: read from its Kafka topic on start, changed only by writes that Kafka acknowledged. Each
 * write decides against the in-memory state, produces its record synchronously, then applies it to memory; writes
 * are serialized by one lock, so ids and versions are given in order. A write that Kafka does not acknowledge
 * fails with error 50001 and changes nothing in memory. Such a record may still have reached the topic (a lost
 * acknowledgement), so the next write first re-reads the topic: memory then matches the topic again and no id is
 * given twice.
 *
 * <p>One registry instance per topic: a second writer on the same topic would give the same ids twice.
 * Thread-safe; reads go to {@link #state()} and never wait for a write.
 */
final class SchemaStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaStore.class);

    private static final Duration START_READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RESYNC_TIMEOUT = Duration.ofSeconds(10);

    private final SchemaTopic topic;
    private final RegistryState state = new RegistryState();
    private final Object writeLock = new Object();
    private boolean stale;

    private SchemaStore(SchemaTopic topic) {
        this.topic = topic;
    }

    /** Prepares the topic and replays it; blocks until the state is complete. */
    static SchemaStore open(RegistrySettings settings) {
        SchemaTopic topic = SchemaTopic.open(settings);
        try {
            SchemaStore store = new SchemaStore(topic);
            topic.readAll(START_READ_TIMEOUT, (key, value) -> StoreRecords.apply(key, value, store.state));
            return store;
        } catch (RuntimeException e) {
            topic.close();
            throw e;
        }
    }

    /** The current state, for reads. */
    RegistryState state() {
        return state;
    }

    /**
     * Registers {@code schema} under {@code subject}: the existing version when the subject has this schema, else a
     * new version, with the schema's existing global id when another subject has it, else a new id.
     *
     * @throws ErrorResponse 409 when the subject's level refuses it, 50001 when Kafka fails
     */
    SubjectVersion register(String subject, Schema schema) {
        String text = schema.toString();
        synchronized (writeLock) {
            resyncIfStale();
            Optional<SubjectVersion> existing = state.find(subject, text);
            if (existing.isPresent()) {
                return existing.get();
            }
            CompatibilityMode level = state.effectiveLevel(subject);
            List<Schema> history = state.history(subject).stream().map(StoredSchema::schema).toList();
            List<String> violations = level.violations(schema, history);
            if (!violations.isEmpty()) {
                throw ErrorResponse.incompatible(subject, violations);
            }
            StoredSchema stored = state.schemaByText(text).orElseGet(() -> StoredSchema.of(state.nextId(), schema));
            SubjectVersion version = new SubjectVersion(subject, state.nextVersion(subject), stored);
            write(StoreRecords.schemaKey(subject, version.version()), StoreRecords.schemaValue(version));
            state.putVersion(subject, version.version(), stored);
            LOG.info("Registered schema id {} as version {} of subject {}", stored.id(), version.version(), subject);
            return version;
        }
    }

    /** Sets the level of {@code subject}, or the global level when it is null. */
    void setLevel(String subject, CompatibilityMode level) {
        synchronized (writeLock) {
            resyncIfStale();
            write(StoreRecords.configKey(subject), StoreRecords.configValue(level));
            state.putLevel(subject, level);
        }
        LOG.info("Compatibility level of {} set to {}", subject == null ? "the registry" : subject, level);
    }

    /**
     * Removes the level of {@code subject} (or resets the global level when it is null) and answers the level it
     * had; empty, and nothing written, when a subject had none.
     */
    Optional<CompatibilityMode> removeLevel(String subject) {
        synchronized (writeLock) {
            resyncIfStale();
            Optional<CompatibilityMode> old = subject == null ? Optional.of(state.globalLevel())
                    : state.subjectLevel(subject);
            if (old.isPresent()) {
                write(StoreRecords.configKey(subject), null);
                state.removeLevel(subject);
            }
            return old;
        }
    }

    @Override
    public void close() {
        topic.close();
    }

    private void write(String key, String value) {
        try {
            topic.append(key, value);
        } catch (StoreException e) {
            stale = true;
            LOG.error("A registry write failed, nothing changed: {}", e.getMessage());
            throw ErrorResponse.storeFailure(e);
        }
    }

    /** After a failed write: re-reads the topic, in case the record arrived after all. */
    private void resyncIfStale() {
        if (!stale) {
            return;
        }
        RegistryState fresh = new RegistryState();
        try {
            topic.readAll(RESYNC_TIMEOUT, (key, value) -> StoreRecords.apply(key, value, fresh));
        } catch (StoreException e) {
            LOG.error("Re-reading the registry's topic failed: {}", e.getMessage());
            throw ErrorResponse.storeFailure(e);
        }
        state.replaceWith(fresh);
        stale = false;
        LOG.info("Re-read the registry's topic after a failed write");
    }
}
