package dev.capstan.runtime.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PgArrayConverterTest {

    private static Object convert(int arrayOid, String text) {
        return PgValueConverter.forType(arrayOid).convert(text);
    }

    /** A list that may hold nulls (List.of cannot). */
    private static List<Object> list(Object... items) {
        return Arrays.asList(items);
    }

    @Test
    void integersWithNulls() {
        assertThat(convert(1007, "{1,2,NULL}")).isEqualTo(list(1, 2, null));
        assertThat(convert(1005, "{-1,NULL,3}")).isEqualTo(list((short) -1, null, (short) 3));
        assertThat(convert(1016, "{9223372036854775807}")).isEqualTo(list(Long.MAX_VALUE));
    }

    @Test
    void emptyArray() {
        assertThat(convert(1007, "{}")).isEqualTo(List.of());
        assertThat(convert(1009, "{}")).isEqualTo(List.of());
    }

    @Test
    void quotedTextWithEscapesSpacesAndNullWord() {
        String text = "{plain,\"with space\",\"say \\\"hi\\\"\",\"back\\\\slash\",\"a,b\",\"{braces}\",\"NULL\",NULL,\"\"}";
        assertThat(convert(1009, text)).isEqualTo(list("plain", "with space", "say \"hi\"", "back\\slash", "a,b",
                "{braces}", "NULL", null, ""));
    }

    @Test
    void unquotedNullIsCaseInsensitiveButEscapedNullIsText() {
        assertThat(convert(1009, "{null,Null,\\NULL}")).isEqualTo(list(null, null, "NULL"));
    }

    @Test
    void unicodeElements() {
        assertThat(convert(1015, "{Zürich,\"São Paulo\",東京}")).isEqualTo(list("Zürich", "São Paulo", "東京"));
    }

    @Test
    void nestedArrays() {
        assertThat(convert(1007, "{{1,2},{3,NULL}}")).isEqualTo(list(list(1, 2), list(3, null)));
        assertThat(convert(1009, "{{{a}},{{\"b c\"}}}")).isEqualTo(list(list(list("a")), list(list("b c"))));
    }

    @Test
    void explicitBoundsAreDropped() {
        assertThat(convert(1007, "[0:2]={7,8,9}")).isEqualTo(list(7, 8, 9));
        assertThat(convert(1007, "[1:2][1:1]={{1},{2}}")).isEqualTo(list(list(1), list(2)));
    }

    @Test
    void whitespaceAroundElementsIsIgnored() {
        assertThat(convert(1007, "{ 1 , 2 }")).isEqualTo(list(1, 2));
        assertThat(convert(1009, "{ \"a\" , b c }")).isEqualTo(list("a", "b c"));
    }

    @Test
    void elementsUseTheElementConverter() {
        assertThat(convert(1231, "{1.50,-0.001,NaN}")).isEqualTo(list(new BigDecimal("1.50"), new BigDecimal("-0.001"),
                "NaN"));
        assertThat(convert(1000, "{t,f,NULL}")).isEqualTo(list(true, false, null));
        assertThat(convert(1021, "{1.5,NaN,-Infinity}")).isEqualTo(list(1.5f, "NaN", "-Infinity"));
        assertThat(convert(1022, "{0.1,Infinity}")).isEqualTo(list(0.1d, "Infinity"));
        assertThat(convert(2951, "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"))
                .isEqualTo(list("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        assertThat(convert(1182, "{2026-11-21,infinity,\"0044-03-15 BC\"}"))
                .isEqualTo(list("2026-11-21", "infinity", "-0043-03-15"));
        assertThat(convert(1115, "{\"2026-11-21 10:15:30.5\"}")).isEqualTo(list("2026-11-21T10:15:30.500000"));
        assertThat(convert(1185, "{\"2026-11-21 10:15:30.123456+01\",NULL}"))
                .isEqualTo(list("2026-11-21T09:15:30.123456Z", null));
        assertThat(convert(1187, "{\"1 day 02:00:00\"}")).isEqualTo(list("P1DT2H"));
        assertThat(convert(1183, "{04:05:06}")).isEqualTo(list("04:05:06.000000"));
    }

    @Test
    void jsonAndByteaElements() {
        assertThat(convert(3807, "{\"{\\\"a\\\": 1}\",\"[1, 2]\"}")).isEqualTo(list("{\"a\": 1}", "[1, 2]"));
        assertThat(convert(199, "{\"{\\\"b\\\": null}\"}")).isEqualTo(list("{\"b\": null}"));
        assertThat(convert(1001, "{\"\\\\xdeadbeef\",NULL}")).isEqualTo(list("3q2+7w==", null));
    }

    @Test
    void bitArrayUsesTheColumnTypeModifier() {
        assertThat(PgValueConverter.forType(1561, 1).convert("{1,0}")).isEqualTo(list(true, false));
        assertThat(PgValueConverter.forType(1561, 3).convert("{101}")).isEqualTo(list("101"));
    }

    @Test
    void everyListedArrayOidHasAnElementType() {
        int[] arrays = {1005, 1007, 1016, 1009, 1015, 1231, 1000, 1021, 1022, 2951, 1182, 1115, 1185, 3807, 199, 1001};
        int[] elements = {21, 23, 20, 25, 1043, 1700, 16, 700, 701, 2950, 1082, 1114, 1184, 3802, 114, 17};
        for (int i = 0; i < arrays.length; i++) {
            assertThat(PgTypes.arrayElement(arrays[i])).as("element of %d", arrays[i]).isEqualTo(elements[i]);
        }
        assertThat(PgTypes.arrayElement(PgTypes.INT4)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1,2", "{1,2", "{1,2}x", "{\"unterminated}", "{1,,2}", "{1;2}", "[0:1]{1,2}",
        "{{1,2}", "{1,2}}"})
    void malformedArraysFail(String text) {
        assertThatThrownBy(() -> convert(1007, text)).isInstanceOf(IllegalArgumentException.class);
    }
}
