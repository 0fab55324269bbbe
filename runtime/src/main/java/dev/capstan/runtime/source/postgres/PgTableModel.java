package dev.capstan.runtime.source.postgres;

import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.TableConfig;
import dev.capstan.runtime.event.ColumnType;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.source.TableLayout;
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
    public static final String UNAVAILABLE = Row.UNAVAILABLE;

    private final TableLayout layout;
    private final PgValueConverter[] converters;

    private PgTableModel(TableLayout layout, PgValueConverter[] converters) {
        this.layout = layout;
        this.converters = converters;
    }

    /**
     * Builds the model of {@code relation} for the captured table {@code table} with key {@code keyColumns},
     * converting column {@code i} with {@code columnConverters.get(i)}, of type {@code columnTypes.get(i)} (both
     * from {@link RelationCache}, which resolves domains to their base types).
     *
     * @throws ConfigException when a key column is missing from the relation
     */
    public static PgTableModel of(PgMessage.Relation relation, List<PgValueConverter> columnConverters,
                                  List<ColumnType> columnTypes, TableConfig table, List<String> keyColumns) {
        List<PgMessage.Column> columns = relation.columns();
        String[] names = new String[columns.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = columns.get(i).name();
        }
        return new PgTableModel(new TableLayout(table, names, columnTypes.toArray(ColumnType[]::new), keyColumns),
                columnConverters.toArray(PgValueConverter[]::new));
    }

    public TableId id() {
        return layout.id();
    }

    /** The columns with what the spec says about them. */
    public TableLayout layout() {
        return layout;
    }

    /** The converter of source column {@code i}. */
    PgValueConverter converter(int i) {
        return converters[i];
    }

    /** The row of {@code tuple}, excluded columns left out, masks applied. */
    public Row row(TupleData tuple) {
        int n = Math.min(tuple.size(), layout.columnCount());
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            if (!layout.excluded(i)) {
                values[i] = value(tuple, i);
            }
        }
        return layout.row(values, UNAVAILABLE);
    }

    /**
     * The key of {@code tuple}. Works on full tuples and on pgoutput key tuples (which carry the
     * replica identity columns in their places and NULL elsewhere). Masks apply to key columns too.
     */
    public Row key(TupleData tuple) {
        Object[] values = new Object[Math.min(tuple.size(), layout.columnCount())];
        for (int k = 0; k < layout.keyCount(); k++) {
            int i = layout.keyIndex(k);
            if (i < values.length) {
                values[i] = value(tuple, i);
            }
        }
        return layout.key(values, UNAVAILABLE);
    }

    /** The key of a row built by {@link #row} from the same model, without converting the values again. */
    public Row key(Row row) {
        return layout.key(row);
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
