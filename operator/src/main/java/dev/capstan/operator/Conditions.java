package dev.capstan.operator;

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
 * <p>Not thread-safe; one per reconcile. Used for pipelines and schema policies.
 */
public final class Conditions {

    public static final String READY = "Ready";
    public static final String SOURCE_CONNECTED = "SourceConnected";
    public static final String SINK_CONNECTED = "SinkConnected";
    public static final String SNAPSHOTTING = "Snapshotting";
    public static final String SLOT_HEALTHY = "SlotHealthy";
    public static final String SCHEMA_COMPATIBLE = "SchemaCompatible";
    public static final String PAUSED = "Paused";

    private final Map<String, Condition> previous = new LinkedHashMap<>();
    private final Map<String, Condition> current = new LinkedHashMap<>();
    private final long generation;

    public Conditions(List<Condition> previous, long generation) {
        if (previous != null) {
            previous.forEach(c -> this.previous.put(c.getType(), c));
        }
        this.generation = generation;
    }

    public void set(String type, boolean status, String reason, String message) {
        set(type, status ? ConditionStatus.TRUE : ConditionStatus.FALSE, reason, message);
    }

    public void set(String type, ConditionStatus status, String reason, String message) {
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
    public boolean isTrue(String type) {
        Condition c = current.get(type);
        return c != null && c.getStatus() == ConditionStatus.TRUE;
    }

    public Condition get(String type) {
        return current.get(type);
    }

    /** The previous condition of {@code type}, or null. */
    public Condition previous(String type) {
        return previous.get(type);
    }

    public List<Condition> list() {
        return new ArrayList<>(current.values());
    }
}
