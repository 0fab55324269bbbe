package dev.capstan.registry;

import dev.capstan.registry.compat.CompatibilityMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Everything the registry knows, in memory: schemas by id, subjects with their versions, compatibility levels. Built
 * by replaying the topic and kept current by {@link SchemaStore} after each acknowledged write. Thread-safe: every
 * method is synchronized and answers immutable values.
 */
final class RegistryState {

    /** The global level until one is set, as in Confluent's registry. */
    static final CompatibilityMode DEFAULT_LEVEL = CompatibilityMode.BACKWARD;

    private final Map<Integer, StoredSchema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final TreeMap<String, SubjectState> subjects = new TreeMap<>();
    private CompatibilityMode globalLevel = DEFAULT_LEVEL;
    private int highestId;

    /** Adds a version; a later record for the same id or the same subject version replaces the earlier one. */
    synchronized void putVersion(String subject, int version, StoredSchema schema) {
        StoredSchema previous = schemasById.put(schema.id(), schema);
        if (previous != null && !previous.text().equals(schema.text())) {
            idsByText.remove(previous.text(), previous.id());
        }
        idsByText.putIfAbsent(schema.text(), schema.id());
        highestId = Math.max(highestId, schema.id());
        subject(subject).putVersion(version, schema.id());
    }

    /** Forgets a version of the subject (a deleted version); the schema keeps its id. */
    synchronized void removeVersion(String subject, int version) {
        subject(subject).removeVersion(version);
    }

    /** Records that {@code id} and {@code subject}'s {@code version} are taken, by a schema it cannot serve. */
    synchronized void reserve(String subject, int version, int id) {
        highestId = Math.max(highestId, id);
        subject(subject).removeVersion(version);
    }

    /** Sets the level of {@code subject}, or the global level when it is null. */
    synchronized void putLevel(String subject, CompatibilityMode level) {
        if (subject == null) {
            globalLevel = level;
        } else {
            subject(subject).level(level);
        }
    }

    /** Removes the level of {@code subject}, or resets the global level to the default when it is null. */
    synchronized void removeLevel(String subject) {
        if (subject == null) {
            globalLevel = DEFAULT_LEVEL;
        } else if (subjects.containsKey(subject)) {
            subjects.get(subject).level(null);
            if (subjects.get(subject).empty()) {
                subjects.remove(subject);
            }
        }
    }

    /** Replaces everything with what {@code other} (a state no other thread sees) knows. */
    synchronized void replaceWith(RegistryState other) {
        schemasById.clear();
        schemasById.putAll(other.schemasById);
        idsByText.clear();
        idsByText.putAll(other.idsByText);
        subjects.clear();
        subjects.putAll(other.subjects);
        globalLevel = other.globalLevel;
        highestId = other.highestId;
    }

    /** The id a new schema gets: one more than the highest id seen. */
    synchronized int nextId() {
        return highestId + 1;
    }

    synchronized int nextVersion(String subject) {
        SubjectState state = subjects.get(subject);
        return state == null ? 1 : state.nextVersion();
    }

    synchronized Optional<StoredSchema> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The schema whose normalized text is {@code text}, under any subject. */
    synchronized Optional<StoredSchema> schemaByText(String text) {
        Integer id = idsByText.get(text);
        return id == null ? Optional.empty() : Optional.of(schemasById.get(id));
    }

    /** The subjects that have at least one version, sorted. */
    synchronized List<String> subjects() {
        return subjects.entrySet().stream().filter(entry -> entry.getValue().hasVersions())
                .map(Map.Entry::getKey).toList();
    }

    /** Whether {@code subject} has at least one version. */
    synchronized boolean hasSubject(String subject) {
        SubjectState state = subjects.get(subject);
        return state != null && state.hasVersions();
    }

    /** The versions of {@code subject}, ascending; empty when it has none. */
    synchronized List<Integer> versions(String subject) {
        SubjectState state = subjects.get(subject);
        return state == null ? List.of() : state.versions();
    }

    synchronized Optional<SubjectVersion> version(String subject, int version) {
        SubjectState state = subjects.get(subject);
        return state == null ? Optional.empty() : found(subject, version, state.id(version));
    }

    synchronized Optional<SubjectVersion> latest(String subject) {
        SubjectState state = subjects.get(subject);
        OptionalInt latest = state == null ? OptionalInt.empty() : state.latestVersion();
        return latest.isEmpty() ? Optional.empty() : version(subject, latest.getAsInt());
    }

    /** The version of {@code subject} whose schema has the normalized text {@code text}. */
    synchronized Optional<SubjectVersion> find(String subject, String text) {
        Integer id = idsByText.get(text);
        SubjectState state = subjects.get(subject);
        if (id == null || state == null) {
            return Optional.empty();
        }
        OptionalInt version = state.versionOf(id);
        return version.isEmpty() ? Optional.empty() : version(subject, version.getAsInt());
    }

    /** The schemas of {@code subject}'s versions, oldest first. */
    synchronized List<StoredSchema> history(String subject) {
        SubjectState state = subjects.get(subject);
        if (state == null) {
            return List.of();
        }
        return state.idsByVersion().values().stream().map(schemasById::get).toList();
    }

    /** Every subject version that uses schema {@code id}. */
    synchronized List<SubjectVersion> usages(int id) {
        List<SubjectVersion> usages = new ArrayList<>();
        subjects.forEach((subject, state) -> state.versionOf(id)
                .ifPresent(version -> usages.add(new SubjectVersion(subject, version, schemasById.get(id)))));
        return List.copyOf(usages);
    }

    synchronized CompatibilityMode globalLevel() {
        return globalLevel;
    }

    /** The level set on {@code subject} itself. */
    synchronized Optional<CompatibilityMode> subjectLevel(String subject) {
        SubjectState state = subjects.get(subject);
        return state == null ? Optional.empty() : Optional.ofNullable(state.level());
    }

    /** The level that applies to {@code subject}: its own, else the global one. */
    synchronized CompatibilityMode effectiveLevel(String subject) {
        return subjectLevel(subject).orElse(globalLevel);
    }

    private SubjectState subject(String subject) {
        return subjects.computeIfAbsent(subject, name -> new SubjectState());
    }

    private Optional<SubjectVersion> found(String subject, int version, OptionalInt id) {
        return id.isEmpty() ? Optional.empty()
                : Optional.of(new SubjectVersion(subject, version, schemasById.get(id.getAsInt())));
    }
}
