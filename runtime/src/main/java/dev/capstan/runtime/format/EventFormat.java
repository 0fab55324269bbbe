package dev.capstan.runtime.format;

import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.TransactionMarker;
import dev.capstan.runtime.schema.SchemaNotice;
import dev.capstan.runtime.schema.TableSchema;

/**
 * How change events and transaction markers become Kafka record bytes ({@code spec.format}).
 *
 * <p>Implementations keep encoding buffers: not thread-safe, one instance per thread.
 */
public interface EventFormat {

    /**
     * The record key of {@code event} (its key columns); never called for an event without a key.
     *
     * @param schema the table's current schemas (ids used by Avro); null for an event without rows of a table
     *               whose schema is not known yet
     */
    byte[] key(ChangeEvent event, TableSchema schema);

    /** The record value of {@code event}: the Debezium envelope ({@code schema} as for {@link #key}). */
    byte[] value(ChangeEvent event, TableSchema schema);

    /** The key of a notice on {@code <prefix>.schema-changes}: the table. */
    byte[] noticeKey(SchemaNotice notice);

    /** The value of a notice on {@code <prefix>.schema-changes}. */
    byte[] noticeValue(SchemaNotice notice);

    /** The key of a BEGIN/END record on {@code <prefix>.transaction}. */
    byte[] markerKey(TransactionMarker marker);

    /** The value of a BEGIN/END record on {@code <prefix>.transaction}. */
    byte[] markerValue(TransactionMarker marker);
}
