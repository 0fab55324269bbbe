package dev.capstan.runtime.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The readable difference between two row schemas of a table, one line per column, for notifications,
 * reviews and logs: {@code note: string (added, optional)}, {@code legacy: removed},
 * {@code amount: long -> int (narrowing)}.
 *
 * <p>Stateless; thread-safe.
 */
public final class SchemaDiff {

    /** Numeric types in Avro's promotion order. */
    private static final Map<Schema.Type, Integer> WIDTH = Map.of(
            Schema.Type.INT, 1, Schema.Type.LONG, 2, Schema.Type.FLOAT, 3, Schema.Type.DOUBLE, 4);

    private SchemaDiff() {
    }

    /** The changes from {@code before} to {@code after}; every field as added when {@code before} is null. */
    public static List<String> changes(Schema before, Schema after) {
        List<String> changes = new ArrayList<>();
        for (Schema.Field field : after.getFields()) {
            Schema.Field old = before == null ? null : before.getField(field.name());
            if (old == null) {
                changes.add(field.name() + ": " + describe(field.schema()) + " (added, "
                        + (optional(field.schema()) ? "optional" : "required") + ")");
            } else if (!old.schema().equals(field.schema())) {
                changes.add(field.name() + ": " + change(old.schema(), field.schema()));
            }
        }
        if (before != null) {
            for (Schema.Field old : before.getFields()) {
                if (after.getField(old.name()) == null) {
                    changes.add(old.name() + ": removed");
                }
            }
        }
        return changes;
    }

    private static String change(Schema from, Schema to) {
        String types = describe(from) + " -> " + describe(to);
        Schema a = value(from);
        Schema b = value(to);
        if (a.equals(b)) {
            return (optional(from) ? "optional -> required" : "required -> optional");
        }
        Integer wa = WIDTH.get(a.getType());
        Integer wb = WIDTH.get(b.getType());
        if (a.getLogicalType() == null && b.getLogicalType() == null && wa != null && wb != null) {
            return types + (wb > wa ? " (widening)" : " (narrowing)");
        }
        if (a.getLogicalType() instanceof LogicalTypes.Decimal da && b.getLogicalType() instanceof LogicalTypes.Decimal db) {
            boolean wider = db.getScale() >= da.getScale()
                    && db.getPrecision() - db.getScale() >= da.getPrecision() - da.getScale();
            return types + (wider ? " (widening)" : " (narrowing)");
        }
        return types + " (type changed)";
    }

    /** The type as a reader says it: {@code long}, {@code decimal(10,2)}, {@code int[]}, {@code string?}. */
    static String describe(Schema schema) {
        Schema value = value(schema);
        String name;
        LogicalType logical = value.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal d) {
            name = "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
        } else if (logical != null) {
            name = logical.getName();
        } else if (value.getType() == Schema.Type.ARRAY) {
            name = describe(value.getElementType()) + "[]";
        } else {
            name = value.getType().getName();
        }
        return name;
    }

    private static boolean optional(Schema schema) {
        return schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
    }

    /** The non-null branch of {@code [null, X]}, else the schema itself. */
    private static Schema value(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch;
                }
            }
        }
        return schema;
    }
}
