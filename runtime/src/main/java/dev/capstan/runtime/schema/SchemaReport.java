package dev.capstan.runtime.schema;

import dev.capstan.api.v1alpha1.policy.PendingReview;
import dev.capstan.api.v1alpha1.status.TableSchemaStatus;
import dev.capstan.runtime.event.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code status.schema.tables} says per table: the subject and version in use, whether it is compatible,
 * and the review of an incompatible change (held or flagged).
 *
 * <p>Thread-safe (synchronized; written rarely, read by the status reporter).
 */
final class SchemaReport {

    private final Map<String, TableSchemaStatus> tables = new TreeMap<>();

    synchronized void using(TableId table, String subject, int version) {
        TableSchemaStatus s = table(table);
        s.setSubject(subject);
        s.setVersion(version);
        if (s.getCompatible() == null) {
            s.setCompatible(true);
        }
    }

    /** An incompatible change: held (Pause, waiting for approval) or flagged (Alert, published anyway). */
    synchronized void flagged(TableId table, PendingReview review, boolean held) {
        TableSchemaStatus s = table(table);
        s.setCompatible(false);
        s.setHeld(held ? Boolean.TRUE : null);
        s.setReview(review);
    }

    /** The table's schema in use is compatible (or approved): no review. */
    synchronized void resolved(TableId table) {
        TableSchemaStatus s = table(table);
        s.setCompatible(true);
        s.setHeld(null);
        s.setReview(null);
    }

    /** Clears the flag of published (Alert) incompatible changes that {@code approved} now acknowledges. */
    synchronized void acknowledge(java.util.function.BiPredicate<TableId, String> approved) {
        for (TableSchemaStatus s : tables.values()) {
            if (s.getReview() != null && s.getHeld() == null
                    && approved.test(TableId.parse(s.getName()), s.getReview().getFingerprint())) {
                s.setCompatible(true);
                s.setReview(null);
            }
        }
    }

    synchronized int heldCount() {
        return (int) tables.values().stream().filter(s -> Boolean.TRUE.equals(s.getHeld())).count();
    }

    /** Copies, in table order. */
    synchronized List<TableSchemaStatus> tables() {
        List<TableSchemaStatus> out = new ArrayList<>();
        for (TableSchemaStatus s : tables.values()) {
            TableSchemaStatus copy = new TableSchemaStatus();
            copy.setName(s.getName());
            copy.setSubject(s.getSubject());
            copy.setVersion(s.getVersion());
            copy.setCompatible(s.getCompatible());
            copy.setHeld(s.getHeld());
            copy.setReview(s.getReview());
            out.add(copy);
        }
        return out;
    }

    private TableSchemaStatus table(TableId table) {
        return tables.computeIfAbsent(table.toString(), name -> {
            TableSchemaStatus s = new TableSchemaStatus();
            s.setName(name);
            return s;
        });
    }
}
