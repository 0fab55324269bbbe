package dev.capstan.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.registry.RegistryServer;
import dev.capstan.registry.client.RegistryClient;
import dev.capstan.runtime.support.AvroRecords;
import dev.capstan.runtime.support.RegistryExtension;
import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.runtime.support.TopicReader;
import dev.capstan.runtime.support.TopicReader.Rec;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.MariaDbServer;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithMariaDb;
import dev.capstan.testing.WithPostgres;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every column type through format avro, from a real PostgreSQL and MariaDB: the Avro type and the decoded
 * value per column, and the snapshot (JDBC) and the stream (pgoutput / binlog) writing the same row with the
 * same schema id and the same values.
 */
@WithPostgres
@WithMariaDb
@WithKafka
@ExtendWith(RegistryExtension.class)
class AvroTypesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final RegistryServer registry;
    private final RegistryClient client;

    AvroTypesTest(RegistryServer registry) {
        this.registry = registry;
        this.client = new RegistryClient(registry.url(), null, null, Duration.ofSeconds(10));
    }

    @Test
    void postgresTypes(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("avrotypes");
        String values = "(%d, 7, 70000, 9000000000, 12.50, 3.14159265358979, 1.5, 'NaN', true, B'1', 'text', 'vc', "
                + "'\\xdeadbeef', 'infinity', '23:59:59.123456', '2026-11-22 10:15:30.5', '2026-11-22 10:15:30+02', "
                + "'0b6a1cd8-7a50-4a0a-8d8c-4b1b46e0c5a1', '{\"a\": 1}', '{\"b\": [1, 2]}', '{1,NULL,3}', "
                + "'{x,y}', '1 day 2 hours', '10.0.0.1', 'sad')";
        Sql.exec(pg, db, "CREATE TYPE mood AS ENUM ('sad', 'happy')",
                "CREATE TABLE public.t (id int PRIMARY KEY, i2 int2, i4 int4, i8 int8, n numeric(10,2), nu numeric, "
                        + "f4 float4, f8 float8, b bool, b1 bit(1), tx text, vc varchar(10), by bytea, d date, "
                        + "tm time, ts timestamp, tz timestamptz, u uuid, j json, jb jsonb, ai int4[], at text[], "
                        + "iv interval, ip inet, m mood)",
                "INSERT INTO t VALUES " + values.formatted(1));
        TestPipeline pipeline = TestPipeline.of("avrotypes", pg, db, kafka, List.of("public.t"))
                .policy("avro", "strict", "BACKWARD", "Pause", registry.url().toString());
        AvroRecords avro = new AvroRecords(client);
        try (TestPipeline.Running running = pipeline.start();
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "avrotypes.public.t")) {
            Sql.exec(pg, db, "INSERT INTO t VALUES " + values.formatted(2));
            List<GenericRecord> rows = rows(avro, topic.read(2, WAIT), "id");
            GenericRecord r = rows.get(0);
            assertThat(r.get("i2")).isEqualTo(7);
            assertThat(r.get("i4")).isEqualTo(70000);
            assertThat(r.get("i8")).isEqualTo(9000000000L);
            assertThat(decimal(r, "n")).isEqualByComparingTo("12.50");
            assertThat(r.get("nu").toString()).isEqualTo("3.14159265358979");
            assertThat(r.get("f4")).isEqualTo(1.5f);
            assertThat((Double) r.get("f8")).isNaN();
            assertThat(r.get("b")).isEqualTo(true);
            assertThat(r.get("b1")).isEqualTo(true);
            assertThat(r.get("tx").toString()).isEqualTo("text");
            assertThat(bytes(r, "by")).containsExactly(0xde, 0xad, 0xbe, 0xef);
            assertThat(r.get("d")).as("infinity").isEqualTo(Integer.MAX_VALUE);
            assertThat(r.get("tm")).isEqualTo(86_399_123_456L);
            assertThat(r.get("ts")).isEqualTo(micros(LocalDateTime.parse("2026-11-22T10:15:30.5").toInstant(
                    ZoneOffset.UTC)));
            assertThat(r.get("tz")).isEqualTo(micros(Instant.parse("2026-11-22T08:15:30Z")));
            assertThat(r.get("u").toString()).isEqualTo("0b6a1cd8-7a50-4a0a-8d8c-4b1b46e0c5a1");
            assertThat(r.get("jb").toString()).isEqualTo("{\"b\": [1, 2]}");
            assertThat(r.get("ai")).asList().containsExactly(1, null, 3);
            assertThat(r.get("at").toString()).isEqualTo("[x, y]");
            assertThat(r.get("iv").toString()).isEqualTo("P1DT2H");
            assertThat(r.get("m").toString()).isEqualTo("sad");
            Schema schema = r.getSchema();
            assertThat(logical(schema, "n")).isEqualTo("decimal");
            assertThat(logical(schema, "d")).isEqualTo("date");
            assertThat(logical(schema, "tm")).isEqualTo("time-micros");
            assertThat(logical(schema, "ts")).isEqualTo("local-timestamp-micros");
            assertThat(logical(schema, "tz")).isEqualTo("timestamp-micros");
            assertThat(logical(schema, "u")).isEqualTo("uuid");
            assertThat(schema.getField("id").schema().getType()).as("key columns are required")
                    .isEqualTo(Schema.Type.INT);
            assertSameAsSnapshot(rows);
        }
    }

    @Test
    void mariaDbTypes(MariaDbServer mariadb, KafkaBroker kafka) throws Exception {
        String db = mariadb.createDatabase("myavrotypes");
        String values = "(%d, -5, 200, -70000, 4294967295, 18446744073709551615, 12.50, 1.5, 2.25, b'1', b'101', "
                + "'chars', 'text', 'medium', 'a,c', x'deadbeef', '2026-11-22', '-12:00:00.5', "
                + "'2026-11-22 10:15:30.123456', '2026-11-22 10:15:30', 2026, '{\"a\": 1}')";
        Sql.exec(mariadb, db, "CREATE TABLE t (id INT PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED, i INT, "
                + "iu INT UNSIGNED, bu BIGINT UNSIGNED, dc DECIMAL(8,2), f FLOAT, d DOUBLE, b1 BIT(1), b3 BIT(3), "
                + "c CHAR(5), tx TEXT, e ENUM('low','medium'), s SET('a','b','c'), bl BLOB, dt DATE, tm TIME(1), "
                + "ldt DATETIME(6), tsp TIMESTAMP NULL, y YEAR, j JSON)",
                "INSERT INTO t VALUES " + values.formatted(1));
        TestPipeline pipeline = TestPipeline.of("myavrotypes", mariadb, kafka, List.of(db + ".t"), 5402)
                .policy("avro", "strict", "BACKWARD", "Pause", registry.url().toString());
        AvroRecords avro = new AvroRecords(client);
        try (TestPipeline.Running running = pipeline.start();
             TopicReader topic = new TopicReader(kafka.bootstrapServers(), "myavrotypes." + db + ".t")) {
            Sql.exec(mariadb, db, "INSERT INTO t VALUES " + values.formatted(2));
            List<GenericRecord> rows = rows(avro, topic.read(2, WAIT), "id");
            GenericRecord r = rows.get(0);
            assertThat(r.get("ti")).isEqualTo(-5);
            assertThat(r.get("tu")).isEqualTo(200);
            assertThat(r.get("iu")).isEqualTo(4294967295L);
            assertThat(decimal(r, "bu")).isEqualByComparingTo("18446744073709551615");
            assertThat(decimal(r, "dc")).isEqualByComparingTo("12.50");
            assertThat(r.get("f")).isEqualTo(1.5f);
            assertThat(r.get("d")).isEqualTo(2.25);
            assertThat(r.get("b1")).isEqualTo(true);
            assertThat(r.get("b3").toString()).isEqualTo("101");
            assertThat(r.get("e").toString()).isEqualTo("medium");
            assertThat(r.get("s").toString()).isEqualTo("a,c");
            assertThat(bytes(r, "bl")).containsExactly(0xde, 0xad, 0xbe, 0xef);
            assertThat(r.get("dt")).isEqualTo((int) LocalDate.parse("2026-11-22").toEpochDay());
            assertThat(r.get("tm")).isEqualTo(-43_200_500_000L);
            assertThat(r.get("ldt")).isEqualTo(micros(LocalDateTime.parse("2026-11-22T10:15:30.123456")
                    .toInstant(ZoneOffset.UTC)));
            assertThat(r.get("y")).isEqualTo(2026);
            assertSameAsSnapshot(rows);
        }
    }

    /** The snapshot row (id 1) and the streamed row (id 2) hold the same values under the same schema. */
    private static void assertSameAsSnapshot(List<GenericRecord> rows) {
        assertThat(rows.get(1).getSchema()).isEqualTo(rows.get(0).getSchema());
        for (Schema.Field field : rows.get(0).getSchema().getFields()) {
            if (!field.name().equals("id")) {
                assertThat(String.valueOf(rows.get(1).get(field.name()))).as(field.name())
                        .isEqualTo(String.valueOf(rows.get(0).get(field.name())));
            }
        }
    }

    /** The {@code after} rows of {@code records}, sorted by {@code key}; also checks the ids match per source. */
    private static List<GenericRecord> rows(AvroRecords avro, List<Rec> records, String key) {
        assertThat(records).extracting(r -> AvroRecords.schemaId(r.rawValue())).as("one schema for both paths")
                .containsOnly(AvroRecords.schemaId(records.get(0).rawValue()));
        return records.stream().map(r -> (GenericRecord) avro.read(r.rawValue()).get("after"))
                .sorted(Comparator.comparing(r -> ((Number) r.get(key)).longValue())).toList();
    }

    private static BigDecimal decimal(GenericRecord r, String field) {
        Schema schema = r.getSchema().getField(field).schema().getTypes().get(1);
        return new Conversions.DecimalConversion().fromBytes((ByteBuffer) r.get(field), schema,
                schema.getLogicalType());
    }

    private static int[] bytes(GenericRecord r, String field) {
        ByteBuffer buffer = ((ByteBuffer) r.get(field)).duplicate();
        int[] out = new int[buffer.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffer.get() & 0xff;
        }
        return out;
    }

    private static String logical(Schema record, String field) {
        Schema schema = record.getField(field).schema();
        Schema value = schema.getType() == Schema.Type.UNION ? schema.getTypes().get(1) : schema;
        return value.getLogicalType() == null ? null : value.getLogicalType().getName();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    static {
        LogicalTypes.date(); // loads Avro's logical types before the first schema is parsed
    }
}
