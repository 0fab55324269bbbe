package dev.capstan.registry;

import dev.capstan.registry.compat.CompatibilityMode;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One subject in memory: its live versions (version to schema id) and its own compatibility level. Not
 * thread-safe: {@link RegistryState} guards it.
 */
final class SubjectState {

    private final TreeMap<Integer, Integer> idsByVersion = new TreeMap<>();
    private int highestVersion;
    private CompatibilityMode level;

    /** Adds (or replaces) a live version. */
    void putVersion(int version, int id) {
        idsByVersion.put(version, id);
        highestVersion = Math.max(highestVersion, version);
    }

    /** Removes a version (soft- or hard-deleted); its number is never given again. */
    void removeVersion(int version) {
        idsByVersion.remove(version);
        highestVersion = Math.max(highestVersion, version);
    }

    /** The number the next registered version gets. */
    int nextVersion() {
        return highestVersion + 1;
    }

    boolean hasVersions() {
        return !idsByVersion.isEmpty();
    }

    /** The live versions, ascending. */
    List<Integer> versions() {
        return List.copyOf(idsByVersion.keySet());
    }

    /** The live versions and their schema ids, ascending by version. */
    Map<Integer, Integer> idsByVersion() {
        return new TreeMap<>(idsByVersion);
    }

    /** The schema id of {@code version}, or empty when it is not a live version. */
    OptionalInt id(int version) {
        Integer id = idsByVersion.get(version);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The live version with schema {@code id}, or empty. */
    OptionalInt versionOf(int id) {
        return idsByVersion.entrySet().stream().filter(entry -> entry.getValue() == id)
                .mapToInt(Map.Entry::getKey).findFirst();
    }

    /** The latest live version, or empty. */
    OptionalInt latestVersion() {
        return idsByVersion.isEmpty() ? OptionalInt.empty() : OptionalInt.of(idsByVersion.lastKey());
    }

    /** The subject's own level, or null when it follows the global one. */
    CompatibilityMode level() {
        return level;
    }

    void level(CompatibilityMode level) {
        this.level = level;
    }

    /** Whether nothing is left to remember: no versions ever, no level. */
    boolean empty() {
        return highestVersion == 0 && level == null;
    }
}
