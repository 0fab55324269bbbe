package dev.capstan.runtime.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinlogFilePositionTest {

    @Test
    void parsesAndFormats() {
        BinlogFilePosition position = BinlogFilePosition.parse("mysql-bin.000003:154");
        assertThat(position.file()).isEqualTo("mysql-bin.000003");
        assertThat(position.position()).isEqualTo(154L);
        assertThat(position.baseName()).isEqualTo("mysql-bin");
        assertThat(position.fileNumber()).isEqualTo(3L);
        assertThat(position).hasToString("mysql-bin.000003:154").isEqualTo(new BinlogFilePosition("mysql-bin.000003", 154));
        assertThat(BinlogFilePosition.parse(position.toString())).isEqualTo(position);
    }

    @Test
    void baseNamesWithDots() {
        BinlogFilePosition position = BinlogFilePosition.parse("db-1.example-bin.000012:4");
        assertThat(position.baseName()).isEqualTo("db-1.example-bin");
        assertThat(position.fileNumber()).isEqualTo(12L);
        assertThat(BinlogFilePosition.startOf("mariadb-bin.000012")).hasToString("mariadb-bin.000012:4");
        assertThat(BinlogFilePosition.parse("mysql-bin.000003:154").withPosition(4096)).hasToString("mysql-bin.000003:4096");
    }

    @Test
    void ordersByFileNumberThenPosition() {
        BinlogFilePosition a = BinlogFilePosition.parse("mysql-bin.000003:9999");
        BinlogFilePosition b = BinlogFilePosition.parse("mysql-bin.000004:4");
        BinlogFilePosition c = BinlogFilePosition.parse("mysql-bin.000004:154");
        BinlogFilePosition d = BinlogFilePosition.parse("mysql-bin.999999:4");
        BinlogFilePosition e = BinlogFilePosition.parse("mysql-bin.1000000:4");
        List<BinlogFilePosition> list = new ArrayList<>(List.of(e, c, a, d, b));
        Collections.sort(list);
        assertThat(list).containsExactly(a, b, c, d, e);
        assertThat(c.isAfter(b)).isTrue();
        assertThat(b.isAfter(c)).isFalse();
        assertThat(b.isAfter(b)).isFalse();
        assertThat(a.compareTo(BinlogFilePosition.parse("mysql-bin.000003:9999"))).isZero();
    }

    @Test
    void differentBaseNamesCompareByName() {
        BinlogFilePosition maria = BinlogFilePosition.parse("mariadb-bin.000099:4");
        BinlogFilePosition mysql = BinlogFilePosition.parse("mysql-bin.000001:4");
        assertThat(maria).isLessThan(mysql);
        assertThat(mysql).isGreaterThan(maria);
    }

    @Test
    void samePositionSpelledDifferentlyIsConsistentWithEquals() {
        BinlogFilePosition padded = BinlogFilePosition.parse("mysql-bin.000003:154");
        BinlogFilePosition plain = BinlogFilePosition.parse("mysql-bin.3:154");
        assertThat(padded).isNotEqualTo(plain);
        assertThat(Integer.signum(padded.compareTo(plain))).isEqualTo(-Integer.signum(plain.compareTo(padded))).isNotZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":154", "mysql-bin.000003", "mysql-bin.000003:", "mysql-bin.000003:-1",
        "mysql-bin.000003:1x", "mysql-bin.000003: 154", "mysql-bin.000003:99999999999999999999"})
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> BinlogFilePosition.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a binlog position (expected file:position, for example mysql-bin.000003:154")
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void rejectsBadFileNameWithExactMessage() {
        assertThatThrownBy(() -> BinlogFilePosition.parse("mysql-bin:154"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a binlog position (expected file:position, for example mysql-bin.000003:154): "
                        + "'mysql-bin:154': not a binlog file name (expected a base name, a dot and a number, "
                        + "for example mysql-bin.000003): 'mysql-bin'");
        assertThatThrownBy(() -> new BinlogFilePosition("my sql-bin.000001", 4))
                .hasMessageEndingWith("'my sql-bin.000001'");
        assertThatThrownBy(() -> new BinlogFilePosition(".000001", 4)).hasMessageEndingWith("'.000001'");
        assertThatThrownBy(() -> new BinlogFilePosition("/var/lib/mysql/mysql-bin.000001", 4))
                .hasMessageContaining("not a binlog file name");
        assertThatThrownBy(() -> new BinlogFilePosition(null, 4)).hasMessageEndingWith(": null");
    }

    @Test
    void rejectsPositionBeforeTheFirstEvent() {
        assertThatThrownBy(() -> BinlogFilePosition.parse("mysql-bin.000003:3"))
                .hasMessage("not a binlog position (expected file:position, for example mysql-bin.000003:154): "
                        + "'mysql-bin.000003:3': binlog position 3 in 'mysql-bin.000003' is before the first event; "
                        + "positions start at 4");
        assertThatThrownBy(() -> new BinlogFilePosition("mysql-bin.000003", 0))
                .hasMessage("binlog position 0 in 'mysql-bin.000003' is before the first event; positions start at 4");
    }
}
