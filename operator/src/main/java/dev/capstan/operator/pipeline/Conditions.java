package dev.capstan.operator.pipeline;

import dev.capstan.api.v1alpha1.status.Condition;
import dev.capstan.api.v1alpha1.status.ConditionStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions of one reconcile, built on the previous ones: a condition whose status did not change
 * keeps its {@code lastTransitionTime}, so status patches stay identical while nothing changes (and do
 * not wake the operator again).
 *
 * <p>Not thread-safe; one per reconcile.
 */
final class Conditions {

    static final String READY = "Ready";
    static final String SOURCE_CONNECTED = "SourceConnected";
    static final String SINK_CONNECTED = "SinkConnected";
    static final String SNAPSHOTTING = "Snapshotting";
    static final String SLOT_HEALTHY = "SlotHealthy";
    static final String SCHEMA_COMPATIBLE = "SchemaCompatible";
    static final String PAUSED = "Paused";

    private final Map<String, Condition> previous = new LinkedHashMap<>();
    private final Map<String, Condition> current = new LinkedHashMap<>();
    private final long generation;

    Conditions(List<Condition> previous, long generation) {
        if (previous != null) {
            previous.forEach(c -> this.previous.put(c.getType(), c));
        }
        this.generation = generation;
    }

    void set(String type, boolean status, String reason, String message) {
        set(type, status ? ConditionStatus.TRUE : ConditionStatus.FALSE, reason, message);
    }

    void set(String type, ConditionStatus status, String reason, String message) {
        Condition c = new Condition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setObservedGeneration(generation);
        Condition before = previous.get(type);
        c.setLastTransitionTime(before != null && before.getStatus() == status ? before.getLastTransitionTime()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        current.put(type, c);
    }

    /** Whether {@code type} is set to True in this reconcile. */
    boolean isTrue(String type) {
        Condition c = current.get(type);
        return c != null && c.getStatus() == ConditionStatus.TRUE;
    }

    Condition get(String type) {
        return current.get(type);
    }

    /** The previous condition of {@code type}, or null. */
    Condition previous(String type) {
        return previous.get(type);
    }

    List<Condition> list() {
        return new ArrayList<>(current.values());
    }
}
