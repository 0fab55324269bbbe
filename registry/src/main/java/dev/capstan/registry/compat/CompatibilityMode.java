package dev.capstan.registry.compat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The schema compatibility levels of the Confluent Schema Registry, decided with Avro's own schema resolution rules
 * ({@link SchemaCompatibility#checkReaderWriterCompatibility}).
 *
 * <ul>
 *   <li>{@link #BACKWARD}: the new schema, as reader, can read data written with the latest existing schema;</li>
 *   <li>{@link #FORWARD}: the latest existing schema, as reader, can read data written with the new schema;</li>
 *   <li>{@link #FULL}: both;</li>
 *   <li>the {@code _TRANSITIVE} variants: the same against every existing schema, not only the latest;</li>
 *   <li>{@link #NONE}: anything goes.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public enum CompatibilityMode {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityMode(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /**
     * The mode named {@code name}, ignoring case and surrounding blanks ({@code "full_transitive"} works).
     *
     * @throws IllegalArgumentException naming the valid values, if {@code name} is null or not one of them
     */
    public static CompatibilityMode parse(String name) {
        if (name != null) {
            String wanted = name.strip().toUpperCase(Locale.ROOT);
            for (CompatibilityMode mode : values()) {
                if (mode.name().equals(wanted)) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("invalid compatibility level " + (name == null ? "null" : "'" + name + "'")
                + "; valid levels: " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** Whether this mode checks against every existing schema rather than only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /**
     * Why {@code candidate} may not follow the {@code existingOldestFirst} schemas under this mode: one readable line
     * per incompatibility Avro found, naming the existing schema (its 1-based position in the list) and the
     * direction. Empty when compatible, always for {@link #NONE} and for an empty history.
     */
    public List<String> violations(Schema candidate, List<Schema> existingOldestFirst) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(existingOldestFirst, "existingOldestFirst");
        int count = existingOldestFirst.size();
        if (this == NONE || count == 0) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        for (int index = transitive ? 0 : count - 1; index < count; index++) {
            Schema existing = existingOldestFirst.get(index);
            String which = "schema " + (index + 1) + " of " + count + (index == count - 1 ? " (latest)" : "");
            if (backward) {
                describe(check(candidate, existing),
                        "the new schema cannot read data written with " + which, violations);
            }
            if (forward) {
                describe(check(existing, candidate),
                        which + " cannot read data written with the new schema", violations);
            }
        }
        return List.copyOf(violations);
    }

    private static SchemaCompatibilityResult check(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    }

    private void describe(SchemaCompatibilityResult result, String direction, List<String> into) {
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        List<Incompatibility> incompatibilities = result.getIncompatibilities();
        if (incompatibilities.isEmpty()) {
            into.add(name() + ": " + direction);
            return;
        }
        for (Incompatibility incompatibility : incompatibilities) {
            into.add(name() + ": " + direction + ": " + incompatibility.getType() + ": "
                    + incompatibility.getMessage() + " at " + incompatibility.getLocation());
        }
    }
}
