package dev.capstan.runtime.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.capstan.runtime.format.JsonEventFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A cell writes, from PostgreSQL's text bytes, exactly the JSON the event format writes for the converted
 * value: snapshot rows written by cells and streamed rows written from events must not differ in a byte.
 */
class PgJsonCellTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "21|-32768", "23|2147483647", "20|-9223372036854775808", "20|0", "26|4294967295",
        "1700|-1234.500", "1700|0.00000000000000000001", "1700|123456789012345678901234567890.5", "1700|0",
        "1700|NaN", "1700|Infinity", "1700|-Infinity",
        "16|t", "16|f",
        "1184|2026-11-21 09:15:30.123456+00", "1184|2026-11-21 09:15:30+00", "1184|2026-11-21 09:15:30.5+00",
        "1184|2026-11-21 10:15:30.123456+01", "1184|2026-11-21 10:15:30+05:30", "1184|0044-03-15 10:00:00+00 BC",
        "1184|12026-11-21 09:15:30+00", "1184|infinity", "1184|-infinity",
        "25|plain text", "25|hé ünïcode ✓ 😀", "25|`with \"quotes\"`", "25|back\\slash", "25|`tab\there`",
        "25|`new\nline`", "25|`bell\u0007`", "25|", "1043|varchar", "1042|`ab `", "2950|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "114|`{\"a\": 1}`", "3802|`{\"b\": [1, 2]}`", "869|192.168.0.1/24", "790|$12.34",
        "700|1.5", "701|2.25", "701|1e+300", "701|NaN", "1082|2026-11-21", "1083|10:15:30.5", "1114|2026-11-21 10:15:30.123456",
        "1186|1 year 2 mons 3 days 04:05:06.5", "1007|{1,NULL,3}", "1009|`{\"x,y\",z}`", "1560|1", "17|\\x00ff",
    })
    void writesWhatTheFormatWritesForTheConvertedValue(int typeOid, String text) throws Exception {
        String value = text == null ? "" : text;
        int typeModifier = typeOid == PgTypes.BIT ? 1 : -1;
        PgValueConverter converter = PgTypes.converter(typeOid, typeModifier);
        PgJsonCell cell = PgJsonCell.of(typeOid, converter);
        PgJsonRow out = new PgJsonRow();
        out.raw(new byte[] {'x'}, 0, 1); // a cell writes at the position, after what is there
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        cell.write(cell.readsText() ? null : bytes, cell.readsText() ? value : null, out);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(expected)) {
            JsonEventFormat.writeValue(g, converter.convert(value));
        }
        assertThat(new String(out.copy(1), StandardCharsets.UTF_8))
                .isEqualTo(expected.toString(StandardCharsets.UTF_8));
    }
}
