package dev.capstan.runtime.format;

import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.schema.SchemaGate;
import dev.capstan.runtime.schema.SchemaNotice;
import dev.capstan.runtime.schema.SchemaStoreException;
import dev.capstan.runtime.schema.TableSchema;
import java.util.function.Supplier;

/**
 * How a pipeline encodes: its format ({@code spec.format}) and its schema gate, which every event passes
 * before it is encoded (it holds events of an incompatible schema and numbers schema versions). Hands out one
 * {@link Encoder} per thread.
 *
 * <p>Thread-safe.
 */
public final class EventEncoding {

    private final Supplier<EventFormat> formats;
    private final SchemaGate gate;
    private final boolean avro;

    /**
     * @param formats makes one format per thread, called on an encoder's first use
     * @param gate    the schema gate every event passes
     */
    public EventEncoding(Supplier<EventFormat> formats, SchemaGate gate, boolean avro) {
        this.formats = formats;
        this.gate = gate;
        this.avro = avro;
    }

    /** A new encoder for the calling thread. */
    public Encoder encoder() {
        return new Encoder();
    }

    /** Whether the format is Avro. */
    public boolean avro() {
        return avro;
    }

    /**
     * Encodes events with one thread's format, made on first use (after the pipeline registered its fixed
     * schemas). Not thread-safe.
     */
    public final class Encoder {
        private EventFormat format;
        private TableSchema schema;

        private Encoder() {
        }

        public EventFormat format() {
            if (format == null) {
                format = formats.get();
            }
            return format;
        }

        /**
         * Passes {@code event} through the schema gate (may block while its schema is held or the registry is
         * away); call before {@link #key} and {@link #value} of the same event.
         *
         * @return false when the event cannot be written: an Avro event without rows (a truncate) of a table
         *         no row of which was written yet, so no schema is known
         * @throws SchemaStoreException the registry refused for a reason retrying cannot fix
         */
        public boolean admit(ChangeEvent event) throws InterruptedException, SchemaStoreException {
            Row row = event.after() != null ? event.after() : event.before();
            if (row != null && event.key() != null) {
                schema = gate.admit(event.table(), row.columns(), event.key().columns());
            } else {
                schema = gate.current(event.table());
            }
            return schema != null || !avro;
        }

        /** The record key of the event last admitted. */
        public byte[] key(ChangeEvent event) {
            return format().key(event, schema);
        }

        /** The record value of the event last admitted. */
        public byte[] value(ChangeEvent event) {
            return format().value(event, schema);
        }

        /** The next schema-change notice to publish, or null. */
        public SchemaNotice nextNotice() {
            return gate.nextNotice();
        }
    }
}
