package dev.capstan.runtime.source.mysql;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.TableConfig;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.source.TableLayout;
import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A captured table as its latest TABLE_MAP event describes it (with {@code binlog_row_metadata=FULL} the event
 * carries column names, signedness, charsets and enum/set values, so the model always matches the rows that
 * follow, also after DDL): converts binlog row images into event rows and keys.
 *
 * <p>Immutable and thread-safe.
 */
final class MySqlTableModel {

    private final TableLayout layout;
    private final MySqlColumn[] columns;
    /** The conversion of each column, chosen once. */
    private final BinlogValueConverter.Cell[] cells;
    private final byte[] types;
    private final List<String> names;
    /** Whether column {@code i} is converted: not excluded, or a key column (keys are never left out). */
    private final boolean[] converted;

    private MySqlTableModel(TableLayout layout, MySqlColumn[] columns, byte[] types, List<String> names) {
        this.layout = layout;
        this.columns = columns;
        this.types = types;
        this.names = names;
        this.converted = new boolean[columns.length];
        this.cells = new BinlogValueConverter.Cell[columns.length];
        for (int i = 0; i < columns.length; i++) {
            cells[i] = BinlogValueConverter.forColumn(columns[i]);
        }
        for (int i = 0; i < columns.length; i++) {
            converted[i] = !layout.excluded(i);
        }
        for (int k = 0; k < layout.keyCount(); k++) {
            converted[layout.keyIndex(k)] = true;
        }
    }

    /**
     * @throws ConfigException when the event has no column names (binlog_row_metadata is not FULL) or a key
     *                         column is gone
     */
    static MySqlTableModel of(TableMapEventData map, TableConfig table, List<String> keys, MySqlCharsets charsets) {
        List<String> names = map.getEventMetadata() == null ? null : map.getEventMetadata().getColumnNames();
        if (names == null || names.isEmpty()) {
            throw new ConfigException("spec.source.mysql: the binlog's TABLE_MAP event of " + table.id() + " carries no "
                    + "column names; set binlog_row_metadata=FULL on the server");
        }
        MySqlColumn[] columns = MySqlColumn.fromTableMap(map, charsets).toArray(MySqlColumn[]::new);
        return new MySqlTableModel(new TableLayout(table, names.toArray(String[]::new),
                MySqlColumn.columnTypes(List.of(columns)), keys), columns,
                map.getColumnTypes().clone(), List.copyOf(names));
    }

    TableId id() {
        return layout.id();
    }

    /** Whether {@code map} describes the same columns (then the model is kept). */
    boolean describes(TableMapEventData map) {
        return map.getEventMetadata() != null && names.equals(map.getEventMetadata().getColumnNames())
                && Arrays.equals(types, map.getColumnTypes());
    }

    /** The converted values of a row image that holds the {@code included} columns, one per table column. */
    Object[] values(Serializable[] image, BitSet included) {
        Object[] values = new Object[columns.length];
        int at = 0;
        for (int i = 0; i < columns.length; i++) {
            if (included == null || included.get(i)) {
                Serializable raw = at < image.length ? image[at] : null;
                at++;
                if (converted[i]) {
                    values[i] = cells[i].convert(raw);
                }
            }
        }
        return values;
    }

    Row row(Object[] values) {
        return layout.row(values, null);
    }

    Row key(Object[] values) {
        return layout.key(values, null);
    }
}
