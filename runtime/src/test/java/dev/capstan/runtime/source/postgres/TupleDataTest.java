package dev.capstan.runtime.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TupleDataTest {

    @Test
    void ofTextsMarksNullsAndCopiesInput() {
        String[] values = {"1", null, "x"};
        TupleData tuple = TupleData.ofTexts(values);
        values[0] = "changed";
        assertThat(tuple.size()).isEqualTo(3);
        assertThat(tuple.text(0)).isEqualTo("1");
        assertThat(tuple.kind(1)).isEqualTo(TupleData.Kind.NULL);
        assertThat(tuple.isNull(1)).isTrue();
        assertThat(tuple.isUnchangedToast(1)).isFalse();
        assertThat(tuple.binary(2)).isNull();
    }

    @Test
    void equalityIsByContent() {
        assertThat(TupleData.ofTexts("1", null)).isEqualTo(TupleData.ofTexts("1", null))
                .hasSameHashCodeAs(TupleData.ofTexts("1", null))
                .isNotEqualTo(TupleData.ofTexts("1", "")).isNotEqualTo(TupleData.ofTexts("1"));
        assertThat(TupleData.EMPTY.size()).isZero();
    }

    @Test
    void toStringShowsKinds() {
        TupleData tuple = new TupleData(new byte[] {'t', 'n', 'u', 'b'}, new String[] {"42", null, null, null},
                new byte[][] {null, null, null, {1, 2}});
        assertThat(tuple).hasToString("[t:42, n, u, b:2 bytes]");
        assertThat(tuple.kind(3)).isEqualTo(TupleData.Kind.BINARY);
    }
}
