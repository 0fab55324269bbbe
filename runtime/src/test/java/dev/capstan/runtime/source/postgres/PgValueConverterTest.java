package dev.capstan.runtime.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Scalar types; dates and times, intervals and arrays have their own tests. */
class PgValueConverterTest {

    private static Object convert(int oid, String text) {
        return PgValueConverter.forType(oid).convert(text);
    }

    @Test
    void integers() {
        assertThat(convert(PgTypes.INT2, "-32768")).isEqualTo((short) -32768);
        assertThat(convert(PgTypes.INT2, "7")).isInstanceOf(Short.class);
        assertThat(convert(PgTypes.INT4, "2147483647")).isEqualTo(2_147_483_647);
        assertThat(convert(PgTypes.INT4, "-1")).isInstanceOf(Integer.class).isEqualTo(-1);
        assertThat(convert(PgTypes.INT8, "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(convert(PgTypes.INT8, "42")).isInstanceOf(Long.class);
        assertThat(convert(PgTypes.OID, "4294967295")).isEqualTo(4_294_967_295L);
    }

    @Test
    void integerOutOfRangeFails() {
        assertThatThrownBy(() -> convert(PgTypes.INT2, "32768")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> convert(PgTypes.INT4, "1.5")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void numericKeepsPrecisionAndScale() {
        assertThat(convert(PgTypes.NUMERIC, "-12.50")).isEqualTo(new BigDecimal("-12.50"));
        assertThat(((BigDecimal) convert(PgTypes.NUMERIC, "-12.50")).scale()).isEqualTo(2);
        assertThat(convert(PgTypes.NUMERIC, "123456789012345678901234567890.000000000000000001"))
                .isEqualTo(new BigDecimal("123456789012345678901234567890.000000000000000001"));
        assertThat(convert(PgTypes.NUMERIC, "0")).isEqualTo(BigDecimal.ZERO);
        assertThat(convert(PgTypes.NUMERIC, "-0.0001")).isEqualTo(new BigDecimal("-0.0001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void numericSpecialValuesStayStrings(String text) {
        assertThat(convert(PgTypes.NUMERIC, text)).isEqualTo(text);
    }

    @Test
    void floats() {
        assertThat(convert(PgTypes.FLOAT4, "1.5")).isEqualTo(1.5f);
        assertThat(convert(PgTypes.FLOAT4, "-3.4028235e+38")).isEqualTo(-Float.MAX_VALUE);
        assertThat(convert(PgTypes.FLOAT8, "0.1")).isEqualTo(0.1d);
        assertThat(convert(PgTypes.FLOAT8, "1e+100")).isEqualTo(1e100);
        assertThat(convert(PgTypes.FLOAT8, "-2.2250738585072014e-308")).isEqualTo(-Double.MIN_NORMAL);
        assertThat(convert(PgTypes.FLOAT8, "-0")).isEqualTo(-0.0d);
    }

    @ParameterizedTest
    @CsvSource({"700,NaN", "700,Infinity", "700,-Infinity", "701,NaN", "701,Infinity", "701,-Infinity"})
    void floatSpecialValuesStayStrings(int oid, String text) {
        assertThat(convert(oid, text)).isEqualTo(text);
    }

    @Test
    void booleans() {
        assertThat(convert(PgTypes.BOOL, "t")).isEqualTo(true);
        assertThat(convert(PgTypes.BOOL, "f")).isEqualTo(false);
        assertThatThrownBy(() -> convert(PgTypes.BOOL, "true")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bitOfLengthOneIsBooleanOtherBitsStayText() {
        assertThat(PgValueConverter.forType(PgTypes.BIT, 1).convert("1")).isEqualTo(true);
        assertThat(PgValueConverter.forType(PgTypes.BIT, 1).convert("0")).isEqualTo(false);
        assertThat(PgValueConverter.forType(PgTypes.BIT, 4).convert("1010")).isEqualTo("1010");
        assertThat(PgValueConverter.forType(PgTypes.VARBIT, -1).convert("101")).isEqualTo("101");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "25|hello, world", "1043|'  padded  '", "1042|'ab   '", "19|pg_class", "18|x",
        "2950|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "790|$1,234.56", "869|192.168.0.1/24", "650|10.0.0.0/8",
        "829|08:00:2b:01:02:03", "774|08:00:2b:01:02:03:04:05", "142|<a>x</a>",
        "114|{\"a\": [1, 2]}", "3802|{\"a\": [1, 2], \"b\": null}",
        "16385|happy", "99999|anything", "3220|16/B374D848"})
    void textLikeTypesStayText(int oid, String text) {
        assertThat(convert(oid, text)).isEqualTo(text);
    }

    @Test
    void negativeOidAboveSignedRangeIsText() {
        assertThat(convert(0xFFFFFFF0, "x")).isEqualTo("x");
    }

    @Test
    void byteaHexToBase64() {
        assertThat(convert(PgTypes.BYTEA, "\\xdeadbeef")).isEqualTo("3q2+7w==");
        assertThat(convert(PgTypes.BYTEA, "\\x00FF10")).isEqualTo("AP8Q");
        assertThat(convert(PgTypes.BYTEA, "\\x")).isEqualTo("");
    }

    @Test
    void byteaEscapeFormatToBase64() {
        // 'a', 0x00, '\', 0xFF, 'b'
        assertThat(convert(PgTypes.BYTEA, "a\\000\\\\\\377b")).isEqualTo("YQBc/2I=");
        assertThat(convert(PgTypes.BYTEA, "plain")).isEqualTo("cGxhaW4=");
    }

    @Test
    void malformedByteaFails() {
        assertThatThrownBy(() -> convert(PgTypes.BYTEA, "\\xabc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> convert(PgTypes.BYTEA, "\\xzz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> convert(PgTypes.BYTEA, "a\\9")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void converterPerTypeIsReusable() {
        PgValueConverter int4 = PgValueConverter.forType(PgTypes.INT4);
        assertThat(int4.convert("1")).isEqualTo(1);
        assertThat(int4.convert("2")).isEqualTo(2);
        assertThat(PgValueConverter.forType(PgTypes.TEXT)).isSameAs(PgValueConverter.forType(PgTypes.VARCHAR));
    }
}
