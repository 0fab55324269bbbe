package dev.capstan.runtime.schema;

import dev.capstan.runtime.event.TableId;
import org.apache.avro.Schema;

/**
 * The registered schemas events of one table are written with: the key record and the envelope, their
 * registry ids, and the version of the value subject.
 *
 * @param fingerprint the value schema's fingerprint (what an approval names)
 */
public record TableSchema(TableId table, Schema key, int keyId, Schema value, int valueId, int version,
                          String fingerprint) {
}
