package dev.capstan.runtime.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.SourceInfo;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.event.TransactionMarker;
import dev.capstan.runtime.event.TransactionRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes change events as Debezium's JSON envelope (schemas disabled), keys as a JSON object of the
 * key columns, transaction markers as Debezium writes them.
 *
 * <p>Not thread-safe: it reuses one buffer. Use one instance per reader thread.
 */
public final class JsonEventFormat {

    private static final JsonFactory FACTORY = new JsonFactory();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

    /** The record key: the key columns of the row. */
    public byte[] key(ChangeEvent event) {
        return write(g -> writeRow(g, event.key()));
    }

    /** The record value: the envelope {before, after, source, op, ts_ms, transaction}. */
    public byte[] value(ChangeEvent event) {
        return write(g -> {
            g.writeStartObject();
            g.writeFieldName("before");
            writeRow(g, event.before());
            g.writeFieldName("after");
            writeRow(g, event.after());
            g.writeFieldName("source");
            writeSource(g, event.source());
            g.writeStringField("op", event.op().code());
            g.writeNumberField("ts_ms", event.tsMs());
            g.writeFieldName("transaction");
            writeTransaction(g, event.transaction());
            g.writeEndObject();
        });
    }

    /** The key of a transaction marker: {@code {"id": ...}}. */
    public byte[] markerKey(TransactionMarker marker) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", marker.id());
            g.writeEndObject();
        });
    }

    /** A BEGIN or END marker. */
    public byte[] markerValue(TransactionMarker marker) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", marker.status());
            g.writeStringField("id", marker.id());
            if (marker.isBegin()) {
                g.writeNullField("event_count");
                g.writeNullField("data_collections");
            } else {
                g.writeNumberField("event_count", marker.eventCount());
                g.writeArrayFieldStart("data_collections");
                for (Map.Entry<TableId, Long> e : marker.perTableCounts().entrySet()) {
                    g.writeStartObject();
                    g.writeStringField("data_collection", e.getKey().toString());
                    g.writeNumberField("event_count", e.getValue());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeNumberField("ts_ms", marker.tsMs());
            g.writeEndObject();
        });
    }

    private static void writeSource(JsonGenerator g, SourceInfo s) throws IOException {
        g.writeStartObject();
        g.writeStringField("connector", s.connector());
        g.writeStringField("name", s.name());
        g.writeStringField("db", s.db());
        g.writeStringField("schema", s.table().schema());
        g.writeStringField("table", s.table().table());
        for (Map.Entry<String, Object> e : s.position().entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeNumberField("ts_ms", s.tsMs());
        g.writeStringField("snapshot", s.snapshot());
        g.writeEndObject();
    }

    private static void writeTransaction(JsonGenerator g, TransactionRef tx) throws IOException {
        if (tx == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("id", tx.id());
        g.writeNumberField("total_order", tx.totalOrder());
        g.writeNumberField("data_collection_order", tx.dataCollectionOrder());
        g.writeEndObject();
    }

    private static void writeRow(JsonGenerator g, Map<String, Object> row) throws IOException {
        if (row == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, Object> e : row.entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** Values are what the source converters produce: null, String, Boolean, numbers, lists. */
    static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Short s) {
            g.writeNumber(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof BigDecimal d) {
            g.writeString(d.toPlainString());
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(v.toString());
        }
    }

    private byte[] write(Body body) {
        buffer.reset();
        try (JsonGenerator g = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return buffer.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
