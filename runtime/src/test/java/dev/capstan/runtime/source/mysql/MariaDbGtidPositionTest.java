package dev.capstan.runtime.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MariaDbGtidPositionTest {

    @Test
    void parsesAndFormatsSortedByDomain() {
        MariaDbGtidPosition position = MariaDbGtidPosition.parse("1-2-50,0-1-100");
        assertThat(position.format()).isEqualTo("0-1-100,1-2-50");
        assertThat(position).hasToString("0-1-100,1-2-50");
        assertThat(position.gtids()).containsExactly(new MariaDbGtid(0, 1, 100), new MariaDbGtid(1, 2, 50));
        assertThat(position.gtid(1)).contains(new MariaDbGtid(1, 2, 50));
        assertThat(position.gtid(7)).isEmpty();
        assertThat(MariaDbGtidPosition.parse(position.format())).isEqualTo(position);
    }

    @Test
    void sortsDomainsNumerically() {
        assertThat(MariaDbGtidPosition.parse("10-1-1,2-1-1,4294967295-1-1").format())
                .isEqualTo("2-1-1,10-1-1,4294967295-1-1");
    }

    @Test
    void ignoresWhitespaceAroundElements() {
        assertThat(MariaDbGtidPosition.parse(" 0-1-100 ,\n1-2-50").format()).isEqualTo("0-1-100,1-2-50");
    }

    @Test
    void emptyPosition() {
        assertThat(MariaDbGtidPosition.parse("")).isSameAs(MariaDbGtidPosition.EMPTY);
        assertThat(MariaDbGtidPosition.parse("  ")).isSameAs(MariaDbGtidPosition.EMPTY);
        assertThat(MariaDbGtidPosition.EMPTY.format()).isEmpty();
        assertThat(MariaDbGtidPosition.EMPTY.isEmpty()).isTrue();
        assertThat(MariaDbGtidPosition.of()).isSameAs(MariaDbGtidPosition.EMPTY);
        assertThat(MariaDbGtidPosition.parse("0-1-1").isEmpty()).isFalse();
    }

    @Test
    void withReplacesTheGtidOfItsDomain() {
        MariaDbGtidPosition position = MariaDbGtidPosition.parse("0-1-100,1-2-50");
        MariaDbGtidPosition next = position.with(MariaDbGtid.parse("0-3-101"));
        assertThat(next.format()).isEqualTo("0-3-101,1-2-50");
        assertThat(position.format()).isEqualTo("0-1-100,1-2-50");
        assertThat(next.with(MariaDbGtid.parse("5-1-1")).format()).isEqualTo("0-3-101,1-2-50,5-1-1");
        assertThat(MariaDbGtidPosition.EMPTY.with(MariaDbGtid.parse("2-1-9")).format()).isEqualTo("2-1-9");
        assertThat(MariaDbGtidPosition.EMPTY.isEmpty()).isTrue();
        assertThat(position.with(MariaDbGtid.parse("0-1-100"))).isSameAs(position);
    }

    @Test
    void containsComparesSequenceWithinTheDomain() {
        MariaDbGtidPosition position = MariaDbGtidPosition.parse("0-1-100,1-2-50");
        assertThat(position.contains(MariaDbGtid.parse("0-1-100"))).isTrue();
        assertThat(position.contains(MariaDbGtid.parse("0-9-99"))).isTrue();
        assertThat(position.contains(MariaDbGtid.parse("0-1-101"))).isFalse();
        assertThat(position.contains(MariaDbGtid.parse("1-2-51"))).isFalse();
        assertThat(position.contains(MariaDbGtid.parse("2-1-1"))).isFalse();
        assertThat(MariaDbGtidPosition.parse("0-1-18446744073709551615").contains(MariaDbGtid.parse("0-1-5"))).isTrue();
        assertThat(MariaDbGtidPosition.parse("0-1-5").contains(MariaDbGtid.parse("0-1-18446744073709551615"))).isFalse();
    }

    @Test
    void isAtOrAfterChecksEveryDomainOfTheOther() {
        MariaDbGtidPosition position = MariaDbGtidPosition.parse("0-1-100,1-2-50");
        assertThat(position.isAtOrAfter(MariaDbGtidPosition.parse("0-1-100,1-2-50"))).isTrue();
        assertThat(position.isAtOrAfter(MariaDbGtidPosition.parse("0-1-99"))).isTrue();
        assertThat(position.isAtOrAfter(MariaDbGtidPosition.EMPTY)).isTrue();
        assertThat(position.isAtOrAfter(MariaDbGtidPosition.parse("0-1-101"))).isFalse();
        assertThat(position.isAtOrAfter(MariaDbGtidPosition.parse("0-1-1,2-1-1"))).isFalse();
        assertThat(MariaDbGtidPosition.EMPTY.isAtOrAfter(position)).isFalse();
        assertThat(MariaDbGtidPosition.parse("0-1-99").isAtOrAfter(position)).isFalse();
    }

    @Test
    void equalsAndHashCodeByContent() {
        assertThat(MariaDbGtidPosition.parse("1-2-50,0-1-100"))
                .isEqualTo(MariaDbGtidPosition.parse("0-1-100,1-2-50"))
                .hasSameHashCodeAs(MariaDbGtidPosition.parse("0-1-100,1-2-50"))
                .isNotEqualTo(MariaDbGtidPosition.parse("0-1-100,1-2-51"))
                .isNotEqualTo(MariaDbGtidPosition.parse("0-1-100"));
    }

    @Test
    void gtidsListIsImmutable() {
        MariaDbGtidPosition position = MariaDbGtidPosition.parse("0-1-100");
        assertThatThrownBy(() -> position.gtids().add(MariaDbGtid.parse("1-1-1")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsDuplicateDomain() {
        assertThatThrownBy(() -> MariaDbGtidPosition.parse("0-1-1,0-2-2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a MariaDB GTID position (expected comma-separated domain-server-sequence GTIDs, "
                        + "at most one per domain, for example 0-1-100,1-2-50, or the empty string): '0-1-1,0-2-2': "
                        + "GTIDs 0-1-1 and 0-2-2 share domain 0; a position holds at most one GTID per domain");
    }

    @Test
    void rejectsBadElementQuotingTheWholeText() {
        assertThatThrownBy(() -> MariaDbGtidPosition.parse("0-1-100,1-x-50"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a MariaDB GTID position (for example 0-1-100,1-2-50): '0-1-100,1-x-50': "
                        + "not a MariaDB GTID (expected domain-server-sequence, for example 0-1-123; "
                        + "the server id must be an unsigned decimal number): '1-x-50'");
        assertThatThrownBy(() -> MariaDbGtidPosition.parse("0-1-100,,1-2-50"))
                .hasMessageContaining("'0-1-100,,1-2-50'").hasMessageEndingWith("''");
        assertThatThrownBy(() -> MariaDbGtidPosition.parse("0-1-100,"))
                .hasMessageContaining("'0-1-100,'");
        assertThatThrownBy(() -> MariaDbGtidPosition.parse("3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5"))
                .hasMessageContaining("not a MariaDB GTID position");
    }
}
