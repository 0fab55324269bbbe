package dev.capstan.runtime.config;

import dev.capstan.runtime.event.TableId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One captured table as the spec configures it.
 *
 * @param index          position in {@code spec.source.tables}, for messages naming the field
 * @param keyColumns     the key to use when the table has no primary key; empty to use the primary key
 * @param excludeColumns columns never written to events
 * @param masks          column name to how its value is masked
 */
public record TableConfig(int index, TableId id, List<String> keyColumns, Set<String> excludeColumns,
                          Map<String, Mask> masks) {

    /** The spec path of this table entry, e.g. {@code spec.source.tables[2]}. */
    public String field() {
        return "spec.source.tables[" + index + "]";
    }
}
