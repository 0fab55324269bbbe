package dev.capstan.runtime.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MySqlGtidSetTest {

    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String B = "4a1b2c3d-0000-0000-0000-000000000001";

    @Test
    void parsesAndFormats() {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-5:7-9," + B + ":1-3");
        assertThat(set.format()).isEqualTo(A + ":1-5:7-9," + B + ":1-3");
        assertThat(set).hasToString(A + ":1-5:7-9," + B + ":1-3");
        assertThat(set.uuids()).containsExactly(A, B);
        assertThat(MySqlGtidSet.parse(set.format())).isEqualTo(set);
    }

    @Test
    void normalizesUuidCaseAndOrder() {
        MySqlGtidSet set = MySqlGtidSet.parse("4A1B2C3D-0000-0000-0000-000000000001:1-3,"
                + "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5");
        assertThat(set.format()).isEqualTo(A + ":1-5," + B + ":1-3");
    }

    @Test
    void acceptsWhitespaceAsMySqlPrintsIt() {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-5:7-9,\n" + B + ":1-3\n");
        assertThat(set.format()).isEqualTo(A + ":1-5:7-9," + B + ":1-3");
        assertThat(MySqlGtidSet.parse(" " + A + " : 1-5 , " + B + ":2").format()).isEqualTo(A + ":1-5," + B + ":2");
    }

    @Test
    void singleTransactionsStayWithoutRange() {
        assertThat(MySqlGtidSet.parse(A + ":7").format()).isEqualTo(A + ":7");
        assertThat(MySqlGtidSet.parse(A + ":7-7:9").format()).isEqualTo(A + ":7:9");
    }

    @Test
    void mergesAndSortsIntervals() {
        assertThat(MySqlGtidSet.parse(A + ":7-9:1-5").format()).isEqualTo(A + ":1-5:7-9");
        assertThat(MySqlGtidSet.parse(A + ":1-5:6-9").format()).isEqualTo(A + ":1-9");
        assertThat(MySqlGtidSet.parse(A + ":1-5:3-8:20:10-12:13").format()).isEqualTo(A + ":1-8:10-13:20");
        assertThat(MySqlGtidSet.parse(A + ":1-10:2-3").format()).isEqualTo(A + ":1-10");
        assertThat(MySqlGtidSet.parse(A + ":1-3," + B + ":5," + A.toUpperCase() + ":4-6").format())
                .isEqualTo(A + ":1-6," + B + ":5");
    }

    @Test
    void emptySet() {
        assertThat(MySqlGtidSet.parse("")).isSameAs(MySqlGtidSet.EMPTY);
        assertThat(MySqlGtidSet.parse("\n")).isSameAs(MySqlGtidSet.EMPTY);
        assertThat(MySqlGtidSet.EMPTY.format()).isEmpty();
        assertThat(MySqlGtidSet.EMPTY.isEmpty()).isTrue();
        assertThat(MySqlGtidSet.EMPTY.uuids()).isEmpty();
        assertThat(MySqlGtidSet.parse(A + ":1").isEmpty()).isFalse();
    }

    @Test
    void addMergesAdjacentIntervals() {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-5:7-9");
        MySqlGtidSet bridged = set.add(A, 6);
        assertThat(bridged.format()).isEqualTo(A + ":1-9");
        assertThat(set.format()).isEqualTo(A + ":1-5:7-9");
        assertThat(set.add(A, 10).format()).isEqualTo(A + ":1-5:7-10");
        assertThat(set.add(A, 12).format()).isEqualTo(A + ":1-5:7-9:12");
        assertThat(set.add(B.toUpperCase(), 1).format()).isEqualTo(A + ":1-5:7-9," + B + ":1");
        assertThat(MySqlGtidSet.EMPTY.add(A, 1).add(A, 2).add(A, 3)).isEqualTo(MySqlGtidSet.parse(A + ":1-3"));
        assertThat(set.add(A, 3)).isSameAs(set);
        assertThat(MySqlGtidSet.EMPTY.add(A, MySqlGtidSet.MAX_TRANSACTION_ID).format())
                .isEqualTo(A + ":9223372036854775806");
    }

    @Test
    void addRejectsBadArguments() {
        assertThatThrownBy(() -> MySqlGtidSet.EMPTY.add(A, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MySQL transaction id 0 for UUID '" + A + "' is outside 1 to 9223372036854775806");
        assertThatThrownBy(() -> MySqlGtidSet.EMPTY.add(A, Long.MAX_VALUE))
                .hasMessageContaining("outside 1 to 9223372036854775806");
        assertThatThrownBy(() -> MySqlGtidSet.EMPTY.add("not-a-uuid", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a server UUID (expected 8-4-4-4-12 hex digits, for example "
                        + "3e11fa47-71ca-11e1-9e33-c80aa9429562): 'not-a-uuid'");
    }

    @Test
    void containsChecksUuidAndIntervals() {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-5:7-9," + B + ":3");
        assertThat(set.contains(A, 1)).isTrue();
        assertThat(set.contains(A, 5)).isTrue();
        assertThat(set.contains(A, 6)).isFalse();
        assertThat(set.contains(A, 9)).isTrue();
        assertThat(set.contains(A, 10)).isFalse();
        assertThat(set.contains(A.toUpperCase(), 8)).isTrue();
        assertThat(set.contains(B, 3)).isTrue();
        assertThat(set.contains(B, 2)).isFalse();
        assertThat(set.contains("00000000-0000-0000-0000-000000000000", 1)).isFalse();
    }

    @Test
    void subsets() {
        MySqlGtidSet big = MySqlGtidSet.parse(A + ":1-9:20-30," + B + ":1-3");
        assertThat(MySqlGtidSet.parse(A + ":2-4:9:25-30").isSubsetOf(big)).isTrue();
        assertThat(MySqlGtidSet.parse(A + ":1-9:20-30," + B + ":1-3").isSubsetOf(big)).isTrue();
        assertThat(MySqlGtidSet.EMPTY.isSubsetOf(big)).isTrue();
        assertThat(MySqlGtidSet.EMPTY.isSubsetOf(MySqlGtidSet.EMPTY)).isTrue();
        assertThat(MySqlGtidSet.parse(A + ":9-10").isSubsetOf(big)).isFalse();
        assertThat(MySqlGtidSet.parse(A + ":5-25").isSubsetOf(big)).isFalse();
        assertThat(MySqlGtidSet.parse(B + ":4").isSubsetOf(big)).isFalse();
        assertThat(MySqlGtidSet.parse("00000000-0000-0000-0000-000000000000:1").isSubsetOf(big)).isFalse();
        assertThat(big.isSubsetOf(MySqlGtidSet.parse(A + ":1-30"))).isFalse();
        assertThat(big.isSubsetOf(MySqlGtidSet.EMPTY)).isFalse();
    }

    @Test
    void equalsAndHashCodeOnNormalizedForm() {
        MySqlGtidSet a = MySqlGtidSet.parse(A.toUpperCase() + ":1-3:4-5," + B + ":2");
        MySqlGtidSet b = MySqlGtidSet.parse(B + ":2," + A + ":1-5");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(MySqlGtidSet.parse(A + ":1-5," + B + ":3"));
    }

    @Test
    void rejectsTaggedGtids() {
        assertThatThrownBy(() -> MySqlGtidSet.parse(A + ":mytag:1-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tagged GTIDs (MySQL 8.3+, 'uuid:tag:1-5') are not supported: tag 'mytag' in '"
                        + A + ":mytag:1-5'");
    }

    @Test
    void rejectsBadUuidWithExactMessage() {
        assertThatThrownBy(() -> MySqlGtidSet.parse("3e11fa47-71ca-11e1-9e33:1-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a MySQL GTID set: bad UUID '3e11fa47-71ca-11e1-9e33' in '3e11fa47-71ca-11e1-9e33:1-5' "
                        + "(expected uuid:interval[:interval...][,uuid:...], for example "
                        + "'3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7-9', or the empty string)");
    }

    @Test
    void rejectsBadIntervals() {
        assertThatThrownBy(() -> MySqlGtidSet.parse(A + ":9-3"))
                .hasMessageStartingWith("not a MySQL GTID set: interval '9-3' ends before it starts in '" + A + ":9-3'");
        assertThatThrownBy(() -> MySqlGtidSet.parse(A + ":0-3"))
                .hasMessageStartingWith("not a MySQL GTID set: transaction id 0 is outside 1 to 9223372036854775806");
        assertThatThrownBy(() -> MySqlGtidSet.parse(A + ":1-9223372036854775807"))
                .hasMessageContaining("transaction id 9223372036854775807 is outside 1 to 9223372036854775806");
        assertThatThrownBy(() -> MySqlGtidSet.parse(A + ":1-99999999999999999999"))
                .hasMessageContaining("transaction id 99999999999999999999 is outside");
        assertThatThrownBy(() -> MySqlGtidSet.parse(A))
                .hasMessageStartingWith("not a MySQL GTID set: UUID '" + A + "' has no transaction interval");
    }

    @ParameterizedTest
    @ValueSource(strings = {",", "x:1", ":1-5", A + ":", A + ":1-", A + ":-5", A + ":1-5-7", A + ":1:", A + ":1,",
        A + ":1;2", A + ":+1", A + ":1..5", A + ":1-5," + B})
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> MySqlGtidSet.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a MySQL GTID set: ")
                .hasMessageContaining(" in '" + text + "'")
                .hasMessageContaining("for example '3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7-9'");
    }
}
