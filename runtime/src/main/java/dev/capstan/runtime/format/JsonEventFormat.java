package dev.capstan.runtime.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SerializedString;
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
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes change events as Debezium's JSON envelope (schemas disabled), keys as a JSON object of the
 * key columns, transaction markers as Debezium writes them.
 *
 * <p>Not thread-safe: it reuses one buffer. Use one instance per reader thread.
 */
public final class JsonEventFormat implements EventFormat {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final SerializedString BEFORE = new SerializedString("before");
    private static final SerializedString AFTER = new SerializedString("after");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString OP = new SerializedString("op");
    private static final SerializedString TS_MS = new SerializedString("ts_ms");
    private static final SerializedString TRANSACTION = new SerializedString("transaction");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString TOTAL_ORDER = new SerializedString("total_order");
    private static final SerializedString COLLECTION_ORDER = new SerializedString("data_collection_order");
    private static final SerializedString SNAPSHOT = new SerializedString("snapshot");
    private static final byte[] BEFORE_NULL_AFTER = "{\"before\":null,\"after\":".getBytes(
            java.nio.charset.StandardCharsets.UTF_8);
    /** Position field names seen so far, encoded once. */
    private final Map<String, SerializedString> names = new HashMap<>();
    /** Encoded column names per row layout. */
    private final Map<Row.Columns, SerializedString[]> columnNames = new IdentityHashMap<>();
    /** The layout looked up last (rows of one table come in runs), and its names. */
    private Row.Columns lastColumns;
    private SerializedString[] lastNames;
    /** The constant start of each table's source block, encoded once. */
    private final Map<TableId, String> sourcePrefixes = new HashMap<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    /** The end shared by reads of one source block: the fields after "after" and the closing brace. */
    private byte[] tail;
    private SourceInfo tailSource;
    private dev.capstan.runtime.event.Operation tailOp;
    private long tailTsMs;
    private final JsonGenerator generator;
    /** The source prefix in use (encoded once, written as raw bytes) and the source it was encoded for. */
    private SerializedString prefix;
    private SourceInfo prefixSource;
    private final ByteArrayOutputStream prefixBuffer = new ByteArrayOutputStream(256);
    private final JsonGenerator prefixGenerator;

    public JsonEventFormat() {
        try {
            generator = FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
            generator.setRootValueSeparator(null);
            prefixGenerator = FACTORY.createGenerator(prefixBuffer, JsonEncoding.UTF8);
            prefixGenerator.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a JSON generator", e);
        }
    }

    /** The record key: the key columns of the row. */
    @Override
    public byte[] key(ChangeEvent event, TableSchema schema) {
        return key(event);
    }

    @Override
    public byte[] value(ChangeEvent event, TableSchema schema) {
        return value(event);
    }

    /** The notice as JSON: the fields of {@link SchemaNotice}, {@code schema} as a nested object. */
    @Override
    public byte[] noticeKey(SchemaNotice notice) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("table", notice.table().toString());
            g.writeEndObject();
        });
    }

    @Override
    public byte[] noticeValue(SchemaNotice notice) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("table", notice.table().toString());
            g.writeFieldName("oldVersion");
            writeValue(g, notice.oldVersion());
            g.writeNumberField("newVersion", notice.newVersion());
            g.writeArrayFieldStart("changes");
            for (String change : notice.changes()) {
                g.writeString(change);
            }
            g.writeEndArray();
            g.writeBooleanField("compatible", notice.compatible());
            g.writeStringField("fingerprint", notice.fingerprint());
            g.writeStringField("action", notice.action());
            g.writeFieldName("schema");
            g.writeRawValue(notice.schema());
            g.writeNumberField("ts_ms", notice.tsMs());
            g.writeEndObject();
        });
    }

    /** The record key of {@code event}: its key columns as a JSON object. */
    public byte[] key(ChangeEvent event) {
        return write(g -> writeRow(g, event.key()));
    }

    /**
     * The record value: the envelope {before, after, source, op, ts_ms, transaction}. Reads outside a
     * transaction that share one {@link SourceInfo} instance, op and ts_ms (the rows of a snapshot chunk)
     * share the encoded end of the envelope: it is written once and copied after each row.
     */
    public byte[] value(ChangeEvent event) {
        if (event.transaction() != null || event.before() != null) {
            return write(g -> {
                g.writeStartObject();
                g.writeFieldName(BEFORE);
                writeRow(g, event.before());
                g.writeFieldName(AFTER);
                writeRow(g, event.after());
                writeTail(g, event);
            });
        }
        useTail(event);
        buffer.reset();
        buffer.write(BEFORE_NULL_AFTER, 0, BEFORE_NULL_AFTER.length);
        try {
            writeRow(generator, event.after());
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        buffer.write(',');
        buffer.write(tail, 0, tail.length);
        return buffer.toByteArray();
    }

    /**
     * The value of a read event outside a transaction that shares {@code template}'s source block, op and
     * ts_ms, whose row is already written as JSON: the object in {@code after[offset, offset + length)}. The
     * same bytes as {@link #value(ChangeEvent)} for that event.
     */
    public byte[] readValue(ChangeEvent template, byte[] after, int offset, int length) {
        useTail(template);
        byte[] value = new byte[BEFORE_NULL_AFTER.length + length + 1 + tail.length];
        System.arraycopy(BEFORE_NULL_AFTER, 0, value, 0, BEFORE_NULL_AFTER.length);
        System.arraycopy(after, offset, value, BEFORE_NULL_AFTER.length, length);
        value[BEFORE_NULL_AFTER.length + length] = ',';
        System.arraycopy(tail, 0, value, BEFORE_NULL_AFTER.length + length + 1, tail.length);
        return value;
    }

    /** Encodes the end of the envelope of reads like {@code event}, unless the last one was encoded for the same. */
    private void useTail(ChangeEvent event) {
        if (event.source() != tailSource || event.op() != tailOp || event.tsMs() != tailTsMs) {
            byte[] object = write(g -> {
                g.writeStartObject();
                writeTail(g, event);
            });
            tail = java.util.Arrays.copyOfRange(object, 1, object.length);
            tailSource = event.source();
            tailOp = event.op();
            tailTsMs = event.tsMs();
        }
    }

    /** Everything after "after": source, op, ts_ms, transaction, and the closing brace. */
    private void writeTail(JsonGenerator g, ChangeEvent event) throws IOException {
        g.writeFieldName(SOURCE);
        writeSource(g, event.source());
        g.writeFieldName(OP);
        g.writeString(event.op().code());
        g.writeFieldName(TS_MS);
        g.writeNumber(event.tsMs());
        g.writeFieldName(TRANSACTION);
        writeTransaction(g, event.transaction());
        g.writeEndObject();
    }

    /** The key of a transaction marker: {@code {"id": ...}}. */
    @Override
    public byte[] markerKey(TransactionMarker marker) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", marker.id());
            g.writeEndObject();
        });
    }

    /** A BEGIN or END marker. */
    @Override
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

    /**
     * The source block. Consecutive events mostly differ only in the last position field (PostgreSQL: lsn;
     * MySQL: row), so everything before it is encoded once per run of such events and written raw, ending with
     * a comma: the generator then writes the last position field as if it were the first in the object.
     */
    private void writeSource(JsonGenerator g, SourceInfo s) throws IOException {
        if (!sameBeforeLastField(s, prefixSource)) {
            prefix = new SerializedString(sourcePrefix(s));
            prefixSource = s;
        }
        g.writeStartObject();
        g.writeRaw(prefix);
        Map.Entry<String, Object> last = null;
        for (Map.Entry<String, Object> e : s.position().entrySet()) {
            last = e;
        }
        if (last != null) {
            g.writeFieldName(name(last.getKey()));
            writeValue(g, last.getValue());
        }
        g.writeFieldName(TS_MS);
        g.writeNumber(s.tsMs());
        g.writeFieldName(SNAPSHOT);
        g.writeString(s.snapshot());
        g.writeEndObject();
    }

    /** The constant fields and every position field but the last, encoded, ending with a comma. */
    private String sourcePrefix(SourceInfo s) throws IOException {
        StringBuilder raw = new StringBuilder(sourcePrefixes.computeIfAbsent(s.table(), t -> constantSourceFields(s)));
        prefixBuffer.reset();
        prefixGenerator.writeStartObject();
        int n = s.position().size();
        int i = 0;
        for (Map.Entry<String, Object> e : s.position().entrySet()) {
            if (++i == n) {
                break;
            }
            prefixGenerator.writeFieldName(name(e.getKey()));
            writeValue(prefixGenerator, e.getValue());
        }
        prefixGenerator.writeEndObject();
        prefixGenerator.flush();
        String fields = prefixBuffer.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (fields.length() > 2) {
            raw.append(fields, 1, fields.length() - 1).append(',');
        }
        return raw.toString();
    }

    /** Whether {@code s} and {@code other} agree in everything {@link #sourcePrefix} encodes. */
    private static boolean sameBeforeLastField(SourceInfo s, SourceInfo other) {
        if (other == null || !s.table().equals(other.table()) || !s.connector().equals(other.connector())
                || !s.name().equals(other.name()) || !java.util.Objects.equals(s.db(), other.db())
                || s.position().size() != other.position().size()) {
            return false;
        }
        java.util.Iterator<Map.Entry<String, Object>> theirs = other.position().entrySet().iterator();
        int left = s.position().size();
        for (Map.Entry<String, Object> e : s.position().entrySet()) {
            Map.Entry<String, Object> o = theirs.next();
            if (--left == 0) {
                return true;
            }
            if (!e.getKey().equals(o.getKey()) || !java.util.Objects.equals(e.getValue(), o.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static String constantSourceFields(SourceInfo s) {
        StringBuilder raw = new StringBuilder();
        for (String[] field : new String[][] {{"connector", s.connector()}, {"name", s.name()}, {"db", s.db()},
                {"schema", s.table().schema()}, {"table", s.table().table()}}) {
            raw.append('"').append(field[0]).append("\":\"");
            JsonStringEncoder.getInstance().quoteAsString(field[1], raw);
            raw.append("\",");
        }
        return raw.toString();
    }

    private static void writeTransaction(JsonGenerator g, TransactionRef tx) throws IOException {
        if (tx == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeFieldName(ID);
        g.writeString(tx.id());
        g.writeFieldName(TOTAL_ORDER);
        g.writeNumber(tx.totalOrder());
        g.writeFieldName(COLLECTION_ORDER);
        g.writeNumber(tx.dataCollectionOrder());
        g.writeEndObject();
    }

    private void writeRow(JsonGenerator g, Row row) throws IOException {
        if (row == null) {
            g.writeNull();
            return;
        }
        SerializedString[] encoded = encodedNames(row.columns());
        g.writeStartObject();
        for (int i = 0; i < encoded.length; i++) {
            g.writeFieldName(encoded[i]);
            writeValue(g, row.value(i));
        }
        g.writeEndObject();
    }

    /** The encoded names of a row layout; layouts are few and shared, so they are looked up by identity. */
    private SerializedString[] encodedNames(Row.Columns columns) {
        if (columns == lastColumns) {
            return lastNames;
        }
        SerializedString[] encoded = columnNames.get(columns);
        if (encoded == null) {
            encoded = new SerializedString[columns.size()];
            for (int i = 0; i < encoded.length; i++) {
                encoded[i] = new SerializedString(columns.name(i));
            }
            if (columnNames.size() > 1_000) {
                columnNames.clear();
            }
            columnNames.put(columns, encoded);
        }
        lastColumns = columns;
        lastNames = encoded;
        return encoded;
    }

    private SerializedString name(String name) {
        SerializedString encoded = names.get(name);
        if (encoded == null) {
            encoded = new SerializedString(name);
            if (names.size() < 10_000) {
                names.put(name, encoded);
            }
        }
        return encoded;
    }

    /**
     * Values are what the source converters produce: null, String, Boolean, numbers, lists. The common scalar
     * types are tested first; the rare ones and nested values are written by {@link #writeOther}.
     */
    public static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof BigDecimal d) {
            g.writeString(d.toPlainString());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            writeOther(g, v);
        }
    }

    private static void writeOther(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Short s) {
            g.writeNumber(s);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof java.math.BigInteger b) {
            g.writeNumber(b);
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
        try {
            body.write(generator);
            generator.flush();
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
