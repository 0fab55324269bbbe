package dev.capstan.runtime.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.runtime.event.ColumnType;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.TableId;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {

    private final Row.Columns columns = new Row.Columns(new String[] {"id", "größe", "1st", "tags"},
            new ColumnType[] {ColumnType.LONG, ColumnType.decimal(5, 1), ColumnType.STRING,
                ColumnType.array(ColumnType.INT)});
    private final Row.Columns key = new Row.Columns(new String[] {"id"}, new ColumnType[] {ColumnType.LONG});

    @Test
    void keyColumnsAreRequiredAndTheOthersOptionalWithANullDefault() {
        Schema row = AvroSchemas.row("shop-eu", TableId.parse("public.order-lines"), columns, key);
        assertThat(row.getFullName()).isEqualTo("shop_eu.public.order_lines.Value");
        assertThat(row.getField("id").schema().getType()).isEqualTo(Schema.Type.LONG);
        Schema.Field size = row.getField("gr__e");
        assertThat(size.schema().getTypes()).extracting(Schema::getType)
                .containsExactly(Schema.Type.NULL, Schema.Type.BYTES);
        assertThat(size.hasDefaultValue()).isTrue();
        assertThat(size.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        assertThat(row.getField("_1st")).isNotNull();
        assertThat(row.getField("tags").schema().getTypes().get(1).getElementType().getTypes())
                .extracting(Schema::getType).containsExactly(Schema.Type.NULL, Schema.Type.INT);
    }

    @Test
    void theEnvelopeHasTheDebeziumFieldsAndTheSourceOfItsConnector() {
        Schema row = AvroSchemas.row("p", TableId.parse("public.t"), columns, key);
        Schema envelope = AvroSchemas.envelope(row, "postgresql");
        assertThat(envelope.getFields()).extracting(Schema.Field::name)
                .containsExactly("before", "after", "source", "op", "ts_ms", "transaction");
        assertThat(envelope.getField("source").schema().getFields()).extracting(Schema.Field::name)
                .containsExactly("connector", "name", "db", "schema", "table", "txId", "lsn", "ts_ms", "snapshot");
        assertThat(AvroSchemas.source("mysql").getFields()).extracting(Schema.Field::name)
                .containsExactly("connector", "name", "db", "schema", "table", "file", "pos", "gtid", "server_id",
                        "row", "ts_ms", "snapshot");
    }

    @Test
    void timeTextBecomesSignedMicroseconds() {
        assertThat(AvroValues.timeMicros("10:15:30.5")).isEqualTo(36_930_500_000L);
        assertThat(AvroValues.timeMicros("-838:59:59.000000")).isEqualTo(-3_020_399_000_000L);
        assertThat(AvroValues.timeMicros("24:00:00")).isEqualTo(86_400_000_000L);
    }
}
