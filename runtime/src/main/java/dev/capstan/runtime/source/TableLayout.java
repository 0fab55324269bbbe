package dev.capstan.runtime.source;

import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.Mask;
import dev.capstan.runtime.config.TableConfig;
import dev.capstan.runtime.event.ColumnType;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a captured table as its source describes them now, with what the spec says about them:
 * which are excluded, which masked, which form the key. Turns a source row (converted values in column
 * order) into the rows and keys of change events. Shared by every source.
 *
 * <p>Immutable and thread-safe.
 */
public final class TableLayout {

    private final TableId id;
    private final String[] names;
    private final Row.Columns rowColumns;
    private final Row.Columns keyColumns;
    private final boolean[] excluded;
    private final Mask[] masks;
    private final int[] keyIndexes;
    /** Where each key column sits in a {@link #row} (keys are never excluded). */
    private final int[] keyRowIndexes;

    /**
     * @param types the type of each of {@code names}; a masked column is a string whatever its type
     * @throws ConfigException when a key column is not among {@code names}
     */
    public TableLayout(TableConfig table, String[] names, ColumnType[] types, List<String> keys) {
        this.id = table.id();
        this.names = names.clone();
        int n = names.length;
        this.excluded = new boolean[n];
        this.masks = new Mask[n];
        List<String> kept = new ArrayList<>();
        List<ColumnType> keptTypes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            excluded[i] = table.excludeColumns().contains(names[i]);
            masks[i] = table.masks().get(names[i]);
            if (!excluded[i]) {
                kept.add(names[i]);
                keptTypes.add(masks[i] == null ? types[i] : ColumnType.STRING);
            }
        }
        this.rowColumns = new Row.Columns(kept.toArray(String[]::new), keptTypes.toArray(ColumnType[]::new));
        this.keyIndexes = new int[keys.size()];
        this.keyRowIndexes = new int[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            keyIndexes[k] = List.of(names).indexOf(keys.get(k));
            if (keyIndexes[k] < 0) {
                throw new ConfigException(table.field() + ": key column '" + keys.get(k)
                        + "' is no longer in table " + table.id() + "; update keyColumns or the table");
            }
            keyRowIndexes[k] = kept.indexOf(keys.get(k));
        }
        ColumnType[] keyTypes = new ColumnType[keys.size()];
        for (int k = 0; k < keyTypes.length; k++) {
            keyTypes[k] = keptTypes.get(keyRowIndexes[k]);
        }
        this.keyColumns = new Row.Columns(keys.toArray(String[]::new), keyTypes);
    }

    public TableId id() {
        return id;
    }

    public int columnCount() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public boolean excluded(int i) {
        return excluded[i];
    }

    /** The index of key column {@code k} among the source columns. */
    public int keyIndex(int k) {
        return keyIndexes[k];
    }

    public int keyCount() {
        return keyIndexes.length;
    }

    /**
     * The event row of {@code values} (one per source column, already converted; shorter arrays leave the
     * missing columns null): excluded columns left out, masks applied except to {@code keep} values.
     */
    public Row row(Object[] values, Object keep) {
        Object[] out = new Object[rowColumns.size()];
        int o = 0;
        for (int i = 0; i < names.length; i++) {
            if (!excluded[i]) {
                out[o++] = i < values.length ? masked(i, values[i], keep) : null;
            }
        }
        return new Row(rowColumns, out);
    }

    /** The key of {@code values} (one per source column), masks applied. */
    public Row key(Object[] values, Object keep) {
        Object[] out = new Object[keyIndexes.length];
        for (int k = 0; k < keyIndexes.length; k++) {
            int i = keyIndexes[k];
            out[k] = i < values.length ? masked(i, values[i], keep) : null;
        }
        return new Row(keyColumns, out);
    }

    /** The key of a row built by {@link #row} from the same layout, without converting the values again. */
    public Row key(Row row) {
        Object[] out = new Object[keyRowIndexes.length];
        for (int k = 0; k < keyRowIndexes.length; k++) {
            out[k] = row.value(keyRowIndexes[k]);
        }
        return new Row(keyColumns, out);
    }

    /** Whether column {@code i} is masked. */
    public boolean masked(int i) {
        return masks[i] != null;
    }

    /** Masks {@code value} of column {@code i}; {@code keep} (a placeholder) passes unchanged. */
    public Object masked(int i, Object value, Object keep) {
        return masks[i] == null || value == keep ? value : masks[i].apply(value);
    }
}
