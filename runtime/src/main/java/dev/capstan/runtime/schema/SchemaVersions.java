package dev.capstan.runtime.schema;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Where a pipeline's schema versions live: the schema registry ({@link RegistryVersions}), or, for JSON
 * pipelines without a policy, the offsets topic ({@link LocalVersions}). Subjects are {@code <topic>-key} and
 * {@code <topic>-value}.
 *
 * <p>Implementations are thread-safe; every method may block on I/O.
 */
public interface SchemaVersions {

    /** A schema registered under a subject. */
    record Version(int id, int version, Schema schema) {
    }

    /** The registration of exactly {@code schema} under {@code subject}, if there is one. */
    Optional<Version> find(String subject, Schema schema) throws SchemaStoreException;

    /** Every version of {@code subject}, oldest first; empty for a new subject. */
    List<Version> history(String subject) throws SchemaStoreException;

    /**
     * Registers {@code schema} as the next version of {@code subject} (or returns its registration).
     *
     * @param override register even where the store's own compatibility level refuses it (the policy allowed it)
     */
    Version register(String subject, Schema schema, boolean override) throws SchemaStoreException;
}
