package dev.capstan.runtime.source.postgres;

import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.Mask;
import dev.capstan.runtime.config.TableConfig;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.TableId;
import java.util.List;

/**
 * A captured table as the current Relation message describes it: how each column's value is
 * converted, which columns form the key, which are excluded or masked. Turns pgoutput tuples into
 * the row maps of change events.
 *
 * <p>Immutable and thread-safe.
 */
public final class PgTableModel {

    /**
     * Written in place of a value that the WAL does not carry (an unchanged TOASTed column of an
     * update whose table is not REPLICA IDENTITY FULL); never a made-up value.
     */
    public static final String UNAVAILABLE = "__capstan_unavailable_value";

    private final TableId id;
    private final String[] names;
    private final Row.Columns rowColumns;
    private final Row.Columns keyColumns;
    private final PgValueConverter[] converters;
    private final boolean[] excluded;
    private final Mask[] masks;
    private final int[] keyIndexes;
    /** Where each key column sits in a {@link #row} (keys are never excluded). */
    private final int[] keyRowIndexes;

    private PgTableModel(TableId id, String[] names, PgValueConverter[] converters, boolean[] excluded,
                         Mask[] masks, int[] keyIndexes) {
        this.id = id;
        this.names = names;
        this.converters = converters;
        this.excluded = excluded;
        this.masks = masks;
        this.keyIndexes = keyIndexes;
        List<String> kept = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (!excluded[i]) {
                kept.add(names[i]);
            }
        }
        this.rowColumns = new Row.Columns(kept.toArray(String[]::new));
        String[] keyNames = new String[keyIndexes.length];
        for (int k = 0; k < keyIndexes.length; k++) {
            keyNames[k] = names[keyIndexes[k]];
        }
        this.keyColumns = new Row.Columns(keyNames);
        this.keyRowIndexes = new int[keyIndexes.length];
        for (int k = 0; k < keyIndexes.length; k++) {
            keyRowIndexes[k] = kept.indexOf(names[keyIndexes[k]]);
        }
    }

    /**
     * Builds the model of {@code relation} for the captured table {@code table} with key {@code keyColumns},
     * converting column {@code i} with {@code columnConverters.get(i)} (from {@link RelationCache}, which
     * resolves domains to their base types).
     *
     * @throws ConfigException when a key column is missing from the relation
     */
    public static PgTableModel of(PgMessage.Relation relation, List<PgValueConverter> columnConverters,
                                  TableConfig table, List<String> keyColumns) {
        List<PgMessage.Column> columns = relation.columns();
        int n = columns.size();
        String[] names = new String[n];
        PgValueConverter[] converters = new PgValueConverter[n];
        boolean[] excluded = new boolean[n];
        Mask[] masks = new Mask[n];
        for (int i = 0; i < n; i++) {
            PgMessage.Column c = columns.get(i);
            names[i] = c.name();
            converters[i] = columnConverters.get(i);
            excluded[i] = table.excludeColumns().contains(c.name());
            masks[i] = table.masks().get(c.name());
        }
        int[] keyIndexes = new int[keyColumns.size()];
        for (int k = 0; k < keyIndexes.length; k++) {
            keyIndexes[k] = List.of(names).indexOf(keyColumns.get(k));
            if (keyIndexes[k] < 0) {
                throw new ConfigException(table.field() + ": key column '" + keyColumns.get(k)
                        + "' is no longer in table " + table.id() + "; update keyColumns or the table");
            }
        }
        return new PgTableModel(table.id(), names, converters, excluded, masks, keyIndexes);
    }

    public TableId id() {
        return id;
    }

    /** The row of {@code tuple}, excluded columns left out, masks applied. */
    public Row row(TupleData tuple) {
        Object[] values = new Object[rowColumns.size()];
        int out = 0;
        for (int i = 0; i < names.length; i++) {
            if (!excluded[i]) {
                values[out++] = i < tuple.size() ? masked(i, value(tuple, i)) : null;
            }
        }
        return new Row(rowColumns, values);
    }

    /**
     * The key of {@code tuple}. Works on full tuples and on pgoutput key tuples (which carry the
     * replica identity columns in their places and NULL elsewhere). Masks apply to key columns too.
     */
    public Row key(TupleData tuple) {
        Object[] values = new Object[keyIndexes.length];
        for (int k = 0; k < keyIndexes.length; k++) {
            int i = keyIndexes[k];
            values[k] = i < tuple.size() ? masked(i, value(tuple, i)) : null;
        }
        return new Row(keyColumns, values);
    }

    /** The key of a row built by {@link #row} from the same model, without converting the values again. */
    public Row key(Row row) {
        Object[] values = new Object[keyRowIndexes.length];
        for (int k = 0; k < keyRowIndexes.length; k++) {
            values[k] = row.value(keyRowIndexes[k]);
        }
        return new Row(keyColumns, values);
    }

    private Object masked(int i, Object value) {
        return masks[i] == null || value == UNAVAILABLE ? value : masks[i].apply(value);
    }

    private Object value(TupleData tuple, int i) {
        return switch (tuple.kind(i)) {
            case NULL -> null;
            case UNCHANGED_TOAST -> UNAVAILABLE;
            case TEXT -> converters[i].convert(tuple.text(i));
            case BINARY -> java.util.Base64.getEncoder().encodeToString(tuple.binary(i));
        };
    }
}
