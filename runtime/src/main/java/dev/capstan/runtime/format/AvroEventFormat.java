package dev.capstan.runtime.format;

import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.SourceInfo;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.event.TransactionMarker;
import dev.capstan.runtime.event.TransactionRef;
import dev.capstan.runtime.schema.SchemaNotice;
import dev.capstan.runtime.schema.TableSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * {@code format: avro}: the Debezium envelope as Avro binary in the Confluent wire format (magic byte 0, the
 * 4-byte big-endian schema id, the Avro body), written field by field in the order {@link AvroSchemas}
 * declares, without building generic records.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class AvroEventFormat implements EventFormat {

    /** Registry ids of the fixed schemas: transaction markers and schema-change notices. */
    public record FixedIds(int markerKey, int markerValue, int noticeKey, int noticeValue) {
    }

    private final FixedIds ids;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private BinaryEncoder encoder;
    private Row.Columns lastColumns;
    private Row.Columns lastKey;
    private boolean[] lastRequired;

    public AvroEventFormat(FixedIds ids) {
        this.ids = ids;
    }

    @Override
    public byte[] key(ChangeEvent event, TableSchema schema) {
        return write(schema.keyId(), out -> AvroValues.writeKey(out, event.key()));
    }

    @Override
    public byte[] value(ChangeEvent event, TableSchema schema) {
        return write(schema.valueId(), out -> {
            writeOptionalRow(out, event.before(), event.key());
            writeOptionalRow(out, event.after(), event.key());
            writeSource(out, event.source());
            out.writeString(event.op().code());
            out.writeLong(event.tsMs());
            TransactionRef tx = event.transaction();
            if (tx == null) {
                out.writeIndex(0);
                out.writeNull();
            } else {
                out.writeIndex(1);
                out.writeString(tx.id());
                out.writeLong(tx.totalOrder());
                out.writeLong(tx.dataCollectionOrder());
            }
        });
    }

    @Override
    public byte[] markerKey(TransactionMarker marker) {
        return write(ids.markerKey(), out -> out.writeString(marker.id()));
    }

    @Override
    public byte[] markerValue(TransactionMarker marker) {
        return write(ids.markerValue(), out -> {
            out.writeString(marker.status());
            out.writeString(marker.id());
            if (marker.isBegin()) {
                out.writeIndex(0);
                out.writeNull();
                out.writeIndex(0);
                out.writeNull();
            } else {
                out.writeIndex(1);
                out.writeLong(marker.eventCount());
                out.writeIndex(1);
                out.writeArrayStart();
                out.setItemCount(marker.perTableCounts().size());
                for (Map.Entry<TableId, Long> e : marker.perTableCounts().entrySet()) {
                    out.startItem();
                    out.writeString(e.getKey().toString());
                    out.writeLong(e.getValue());
                }
                out.writeArrayEnd();
            }
            out.writeLong(marker.tsMs());
        });
    }

    @Override
    public byte[] noticeKey(SchemaNotice notice) {
        return write(ids.noticeKey(), out -> out.writeString(notice.table().toString()));
    }

    @Override
    public byte[] noticeValue(SchemaNotice notice) {
        return write(ids.noticeValue(), out -> {
            out.writeString(notice.table().toString());
            if (notice.oldVersion() == null) {
                out.writeIndex(0);
                out.writeNull();
            } else {
                out.writeIndex(1);
                out.writeInt(notice.oldVersion());
            }
            out.writeInt(notice.newVersion());
            out.writeArrayStart();
            out.setItemCount(notice.changes().size());
            for (String change : notice.changes()) {
                out.startItem();
                out.writeString(change);
            }
            out.writeArrayEnd();
            out.writeBoolean(notice.compatible());
            out.writeString(notice.fingerprint());
            out.writeString(notice.action());
            out.writeString(notice.schema());
            out.writeLong(notice.tsMs());
        });
    }

    /** Writes {@code [null, Value]}; an event with a row image always has a key. */
    private void writeOptionalRow(BinaryEncoder out, Row row, Row key) throws IOException {
        if (row == null) {
            out.writeIndex(0);
            out.writeNull();
        } else {
            out.writeIndex(1);
            AvroValues.writeRow(out, row, required(row.columns(), key.columns()));
        }
    }

    /** Which fields of the row are required, kept for the layout last written (events of a table come in runs). */
    private boolean[] required(Row.Columns columns, Row.Columns key) {
        if (columns != lastColumns || key != lastKey) {
            lastRequired = AvroSchemas.required(columns, key);
            lastColumns = columns;
            lastKey = key;
        }
        return lastRequired;
    }

    private static void writeSource(BinaryEncoder out, SourceInfo s) throws IOException {
        out.writeString(s.connector());
        out.writeString(s.name());
        out.writeString(s.db() == null ? "" : s.db());
        out.writeString(s.table().schema());
        out.writeString(s.table().table());
        boolean postgres = "postgresql".equals(s.connector());
        List<String> fields = postgres ? AvroSchemas.POSTGRES_POSITION : AvroSchemas.MYSQL_POSITION;
        for (String field : fields) {
            Object v = s.position().get(field);
            if (v == null) {
                out.writeIndex(0);
                out.writeNull();
                continue;
            }
            out.writeIndex(1);
            switch (field) {
                case "file", "gtid" -> out.writeString(v.toString());
                case "row" -> out.writeInt(((Number) v).intValue());
                default -> out.writeLong(v instanceof Number n ? n.longValue() : Long.parseLong(v.toString()));
            }
        }
        out.writeLong(s.tsMs());
        out.writeString(s.snapshot());
    }

    private byte[] write(int schemaId, Body body) {
        buffer.reset();
        buffer.write(0);
        buffer.write(schemaId >>> 24);
        buffer.write(schemaId >>> 16);
        buffer.write(schemaId >>> 8);
        buffer.write(schemaId);
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            body.write(encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Avro", e);
        }
        return buffer.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
        void write(BinaryEncoder out) throws IOException;
    }
}
