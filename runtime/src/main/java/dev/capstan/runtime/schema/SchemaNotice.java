package dev.capstan.runtime.schema;

import dev.capstan.runtime.event.TableId;
import java.util.List;

/**
 * A new schema version of a table, announced on {@code <prefix>.schema-changes} before the first event written
 * with it.
 *
 * @param oldVersion  the version events were written with before, null for the table's first version
 * @param changes     the readable diff ({@link SchemaDiff})
 * @param compatible  whether the policy's compatibility level accepted it
 * @param action      Registered (compatible), Approved (held, then approved), Alerted or Allowed (incompatible,
 *                    published by policy)
 * @param schema      the new row schema, Avro JSON
 */
public record SchemaNotice(TableId table, Integer oldVersion, int newVersion, List<String> changes,
                           boolean compatible, String fingerprint, String action, String schema, long tsMs) {
}
