package dev.capstan.runtime.schema;

import dev.capstan.registry.client.RegisteredSchema;
import dev.capstan.registry.client.RegistryClient;
import dev.capstan.registry.client.RegistryException;
import dev.capstan.registry.compat.CompatibilityMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Schema versions in a Confluent-compatible schema registry. Registrations found are cached for a TTL (ids
 * never change, but a subject may be deleted and recreated by an operator). Where the registry's own
 * compatibility level would refuse a version the pipeline's policy allowed (Alert, Allow, an approval), the
 * subject's level is set to NONE for that one registration and put back afterwards.
 *
 * <p>Thread-safe.
 */
public final class RegistryVersions implements SchemaVersions {

    private final RegistryClient client;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> found = new ConcurrentHashMap<>();

    private record Cached(Version version, long expiresAt) {
    }

    public RegistryVersions(RegistryClient client, Duration ttl, Clock clock) {
        this.client = client;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Optional<Version> find(String subject, Schema schema) throws SchemaStoreException {
        String key = subject + "\n" + schema;
        Cached cached = found.get(key);
        long now = clock.millis();
        if (cached != null && cached.expiresAt() > now) {
            return Optional.of(cached.version());
        }
        try {
            Optional<Version> version = client.lookup(subject, schema).map(RegistryVersions::version);
            version.ifPresent(v -> remember(key, v));
            return version;
        } catch (RegistryException e) {
            throw failure("look up a schema of " + subject, e);
        }
    }

    @Override
    public List<Version> history(String subject) throws SchemaStoreException {
        try {
            List<Version> versions = new ArrayList<>();
            for (int v : client.versions(subject)) {
                versions.add(version(client.version(subject, v)));
            }
            return versions;
        } catch (RegistryException e) {
            throw failure("read the versions of " + subject, e);
        }
    }

    @Override
    public Version register(String subject, Schema schema, boolean override) throws SchemaStoreException {
        try {
            try {
                client.register(subject, schema);
            } catch (RegistryException e) {
                if (!override || !e.incompatible()) {
                    throw e;
                }
                registerOverriding(subject, schema);
            }
            RegisteredSchema registered = client.lookup(subject, schema).orElseThrow(() -> new SchemaStoreException(
                    "the registry accepted a schema of " + subject + " but does not find it", true, null));
            Version version = version(registered);
            remember(subject + "\n" + schema, version);
            return version;
        } catch (RegistryException e) {
            throw failure("register a schema of " + subject, e);
        }
    }

    /** Registers past the subject's own level: NONE for this one registration, then the old level again. */
    private void registerOverriding(String subject, Schema schema) throws RegistryException {
        Optional<CompatibilityMode> before = client.subjectCompatibility(subject);
        client.setSubjectCompatibility(subject, CompatibilityMode.NONE);
        try {
            client.register(subject, schema);
        } finally {
            if (before.isPresent()) {
                client.setSubjectCompatibility(subject, before.get());
            } else {
                client.deleteSubjectCompatibility(subject);
            }
        }
    }

    private void remember(String key, Version version) {
        found.put(key, new Cached(version, clock.millis() + ttl.toMillis()));
    }

    private static Version version(RegisteredSchema registered) {
        return new Version(registered.id(), registered.version(), registered.schema());
    }

    private static SchemaStoreException failure(String what, RegistryException e) {
        return new SchemaStoreException("schema registry: cannot " + what + ": " + e.getMessage(), e.retriable(), e);
    }
}
