package dev.capstan.runtime.format;

import dev.capstan.runtime.event.ColumnType;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.TableId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The Avro schemas of Capstan's records, derived from a table's columns: the key record, the row record
 * ({@code Value}) and the Debezium envelope around it, plus the fixed schemas of the source block, the
 * transaction markers and the schema-change notifications. Key columns are required fields; every other
 * column is a union with null and a null default, so adding or dropping a column is a compatible change.
 * Names are made valid Avro names: characters other than letters, digits and {@code _} become {@code _}.
 * The mapping per type is in {@code runtime/docs/avro.md}.
 *
 * <p>Stateless; thread-safe.
 */
public final class AvroSchemas {

    /** The source blocks' position fields (after connector, name, db, schema, table), in writing order. */
    static final List<String> POSTGRES_POSITION = List.of("txId", "lsn");
    static final List<String> MYSQL_POSITION = List.of("file", "pos", "gtid", "server_id", "row");

    private AvroSchemas() {
    }

    /** The record of one row image: {@code <namespace>.Value}. */
    public static Schema row(String topicPrefix, TableId table, Row.Columns columns, Row.Columns key) {
        return record(namespace(topicPrefix, table), "Value", columns, key);
    }

    /** The key record: {@code <namespace>.Key}, every field required. */
    public static Schema key(String topicPrefix, TableId table, Row.Columns key) {
        return record(namespace(topicPrefix, table), "Key", key, key);
    }

    /** The envelope {@code <namespace>.Envelope} around {@code row}, with the source block of {@code connector}. */
    public static Schema envelope(Schema row, String connector) {
        Schema optionalRow = Schema.createUnion(Schema.create(Schema.Type.NULL), row);
        return SchemaBuilder.record("Envelope").namespace(row.getNamespace()).fields()
                .name("before").type(optionalRow).withDefault(null)
                .name("after").type(optionalRow).withDefault(null)
                .name("source").type(source(connector)).noDefault()
                .requiredString("op")
                .requiredLong("ts_ms")
                .name("transaction").type(optional(transaction())).withDefault(null)
                .endRecord();
    }

    /** The source block of {@code postgresql} or {@code mysql} events. */
    public static Schema source(String connector) {
        boolean postgres = "postgresql".equals(connector);
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Source")
                .namespace("dev.capstan.source." + connector).fields()
                .requiredString("connector").requiredString("name").requiredString("db")
                .requiredString("schema").requiredString("table");
        if (postgres) {
            fields = fields.optionalLong("txId").optionalLong("lsn");
        } else {
            fields = fields.optionalString("file").optionalLong("pos").optionalString("gtid")
                    .optionalLong("server_id").optionalInt("row");
        }
        return fields.requiredLong("ts_ms").requiredString("snapshot").endRecord();
    }

    /** The {@code transaction} block of an event. */
    static Schema transaction() {
        return SchemaBuilder.record("Transaction").namespace("dev.capstan").fields()
                .requiredString("id").requiredLong("total_order").requiredLong("data_collection_order")
                .endRecord();
    }

    /** The key of a record on {@code <prefix>.transaction}. */
    public static Schema markerKey() {
        return SchemaBuilder.record("TransactionKey").namespace("dev.capstan").fields()
                .requiredString("id").endRecord();
    }

    /** The value of a record on {@code <prefix>.transaction}, as Debezium writes it. */
    public static Schema markerValue() {
        Schema collection = SchemaBuilder.record("DataCollection").namespace("dev.capstan").fields()
                .requiredString("data_collection").requiredLong("event_count").endRecord();
        return SchemaBuilder.record("TransactionMetadata").namespace("dev.capstan").fields()
                .requiredString("status").requiredString("id")
                .optionalLong("event_count")
                .name("data_collections").type(optional(Schema.createArray(collection))).withDefault(null)
                .requiredLong("ts_ms")
                .endRecord();
    }

    /** The key of a notice on {@code <prefix>.schema-changes}. */
    public static Schema noticeKey() {
        return SchemaBuilder.record("SchemaChangeKey").namespace("dev.capstan").fields()
                .requiredString("table").endRecord();
    }

    /** The value of a notice on {@code <prefix>.schema-changes} (see {@code SchemaNotice}). */
    public static Schema noticeValue() {
        return SchemaBuilder.record("SchemaChange").namespace("dev.capstan").fields()
                .requiredString("table")
                .optionalInt("oldVersion")
                .requiredInt("newVersion")
                .name("changes").type().array().items().stringType().noDefault()
                .requiredBoolean("compatible")
                .requiredString("fingerprint")
                .requiredString("action")
                .requiredString("schema")
                .requiredLong("ts_ms")
                .endRecord();
    }

    /** {@code [null, schema]}. */
    static Schema optional(Schema schema) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
    }

    /** The Avro namespace of a table's records: {@code <prefix>.<schema>.<table>}, each part a valid name. */
    public static String namespace(String topicPrefix, TableId table) {
        List<String> parts = new ArrayList<>();
        for (String part : (topicPrefix + "." + table.schema() + "." + table.table()).split("\\.")) {
            parts.add(name(part));
        }
        return String.join(".", parts);
    }

    /** {@code text} as a valid Avro name. */
    public static String name(String text) {
        StringBuilder out = new StringBuilder(text.length() + 1);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean valid = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            out.append(valid ? c : '_');
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        return out.toString();
    }

    /** Which of {@code columns} are key columns: required fields; the others are {@code [null, T]}. */
    static boolean[] required(Row.Columns columns, Row.Columns key) {
        boolean[] required = new boolean[columns.size()];
        for (int i = 0; i < required.length; i++) {
            required[i] = key.indexOf(columns.name(i)) >= 0;
        }
        return required;
    }

    private static Schema record(String namespace, String name, Row.Columns columns, Row.Columns key) {
        List<Schema.Field> fields = new ArrayList<>(columns.size());
        Set<String> used = new HashSet<>();
        boolean[] required = required(columns, key);
        for (int i = 0; i < columns.size(); i++) {
            String fieldName = name(columns.name(i));
            for (int n = 2; !used.add(fieldName); n++) {
                fieldName = name(columns.name(i)) + "_" + n;
            }
            Schema type = type(columns.type(i));
            fields.add(required[i] ? new Schema.Field(fieldName, type)
                    : new Schema.Field(fieldName, optional(type), null, JsonProperties.NULL_VALUE));
        }
        return Schema.createRecord(name, null, namespace, false, fields);
    }

    /** The Avro type of a column type. */
    static Schema type(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case INT -> Schema.create(Schema.Type.INT);
            case LONG -> Schema.create(Schema.Type.LONG);
            case FLOAT -> Schema.create(Schema.Type.FLOAT);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case DECIMAL -> type.precision() > 0
                    ? LogicalTypes.decimal(type.precision(), type.scale()).addToSchema(Schema.create(Schema.Type.BYTES))
                    : Schema.create(Schema.Type.STRING);
            case STRING -> Schema.create(Schema.Type.STRING);
            case BYTES -> Schema.create(Schema.Type.BYTES);
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case TIME_MICROS -> LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case TIMESTAMP_MICROS -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case LOCAL_TIMESTAMP_MICROS -> LogicalTypes.localTimestampMicros()
                    .addToSchema(Schema.create(Schema.Type.LONG));
            case UUID -> LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
            case ARRAY -> Schema.createArray(optional(type(type.element())));
        };
    }
}
