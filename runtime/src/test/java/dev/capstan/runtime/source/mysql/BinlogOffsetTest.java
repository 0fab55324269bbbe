package dev.capstan.runtime.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinlogOffsetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void mariaDbOffsetToJsonAndBack() throws Exception {
        BinlogOffset offset = BinlogOffset.mariaDb(BinlogFilePosition.parse("mariadb-bin.000002:1234"),
                MariaDbGtidPosition.parse("0-1-57"), 1);
        assertThat(JSON.writeValueAsString(offset.toJson()))
                .isEqualTo("{\"file\":\"mariadb-bin.000002\",\"pos\":1234,\"mariadbGtids\":\"0-1-57\",\"serverId\":1}");
        BinlogOffset read = BinlogOffset.fromJson(json(JSON.writeValueAsString(offset.toJson())));
        assertThat(read).isEqualTo(offset).hasSameHashCodeAs(offset);
        assertThat(read.mariaDbGtids()).contains(MariaDbGtidPosition.parse("0-1-57"));
        assertThat(read.mySqlGtids()).isEmpty();
        assertThat(read.gtidText()).contains("0-1-57");
        assertThat(read.filePosition()).isEqualTo(BinlogFilePosition.parse("mariadb-bin.000002:1234"));
        assertThat(read.serverId()).isEqualTo(1L);
        assertThat(read).hasToString("mariadb-bin.000002:1234 (gtid 0-1-57) on server 1");
    }

    @Test
    void mySqlOffsetToJsonAndBack() throws Exception {
        BinlogOffset offset = BinlogOffset.mySql(BinlogFilePosition.parse("mysql-bin.000003:154"),
                MySqlGtidSet.parse(UUID.toUpperCase() + ":1-56:57"), 4294967295L);
        assertThat(JSON.writeValueAsString(offset.toJson())).isEqualTo("{\"file\":\"mysql-bin.000003\",\"pos\":154,"
                + "\"mysqlGtids\":\"" + UUID + ":1-57\",\"serverId\":4294967295}");
        BinlogOffset read = BinlogOffset.fromJson(json(JSON.writeValueAsString(offset.toJson())));
        assertThat(read).isEqualTo(offset);
        assertThat(read.mySqlGtids()).contains(MySqlGtidSet.parse(UUID + ":1-57"));
        assertThat(read.mariaDbGtids()).isEmpty();
        assertThat(read.gtidText()).contains(UUID + ":1-57");
        assertThat(read).hasToString("mysql-bin.000003:154 (gtid " + UUID + ":1-57) on server 4294967295");
    }

    @Test
    void filePositionOnlyOffset() throws Exception {
        BinlogOffset offset = BinlogOffset.of(BinlogFilePosition.parse("mysql-bin.000003:154"), 0);
        assertThat(JSON.writeValueAsString(offset.toJson()))
                .isEqualTo("{\"file\":\"mysql-bin.000003\",\"pos\":154,\"serverId\":0}");
        assertThat(BinlogOffset.fromJson(offset.toJson())).isEqualTo(offset);
        assertThat(offset.gtidText()).isEmpty();
        assertThat(offset).hasToString("mysql-bin.000003:154");
    }

    @Test
    void emptyGtidsAreKeptApartFromNoGtids() throws Exception {
        BinlogOffset empty = BinlogOffset.mariaDb(BinlogFilePosition.parse("mariadb-bin.000001:4"),
                MariaDbGtidPosition.EMPTY, 7);
        assertThat(JSON.writeValueAsString(empty.toJson()))
                .isEqualTo("{\"file\":\"mariadb-bin.000001\",\"pos\":4,\"mariadbGtids\":\"\",\"serverId\":7}");
        BinlogOffset read = BinlogOffset.fromJson(empty.toJson());
        assertThat(read.mariaDbGtids()).contains(MariaDbGtidPosition.EMPTY);
        assertThat(read.gtidText()).contains("");
        assertThat(read).isNotEqualTo(BinlogOffset.of(BinlogFilePosition.parse("mariadb-bin.000001:4"), 7));
        assertThat(read).hasToString("mariadb-bin.000001:4 (gtid none) on server 7");
    }

    @Test
    void readsTheDocumentedShapeWithoutServerIdAndIgnoresUnknownFields() throws Exception {
        BinlogOffset read = BinlogOffset.fromJson(
                json("{\"file\":\"mariadb-bin.000002\",\"pos\":1234,\"mariadbGtids\":\"1-2-50,0-1-57\",\"extra\":true}"));
        assertThat(read.serverId()).isZero();
        assertThat(read.gtidText()).contains("0-1-57,1-2-50");
        assertThat(read).hasToString("mariadb-bin.000002:1234 (gtid 0-1-57,1-2-50)");
    }

    @Test
    void equalityCoversEveryField() {
        BinlogFilePosition at = BinlogFilePosition.parse("mysql-bin.000003:154");
        BinlogOffset offset = BinlogOffset.mySql(at, MySqlGtidSet.parse(UUID + ":1-5"), 1);
        assertThat(offset).isEqualTo(BinlogOffset.mySql(at, MySqlGtidSet.parse(UUID + ":1-5"), 1))
                .isNotEqualTo(BinlogOffset.mySql(at, MySqlGtidSet.parse(UUID + ":1-6"), 1))
                .isNotEqualTo(BinlogOffset.mySql(at, MySqlGtidSet.parse(UUID + ":1-5"), 2))
                .isNotEqualTo(BinlogOffset.mySql(at.withPosition(155), MySqlGtidSet.parse(UUID + ":1-5"), 1))
                .isNotEqualTo(BinlogOffset.of(at, 1));
    }

    @Test
    void rejectsOutOfRangeServerId() {
        BinlogFilePosition at = BinlogFilePosition.parse("mysql-bin.000003:154");
        assertThatThrownBy(() -> BinlogOffset.of(at, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("server id -1 is out of range 0 to 4294967295");
        assertThatThrownBy(() -> BinlogOffset.of(at, 1L << 32))
                .hasMessage("server id 4294967296 is out of range 0 to 4294967295");
    }

    @Test
    void malformedStoredValueNamesTheFieldAndShowsTheValue() throws Exception {
        String stored = "{\"file\":\"mysql-bin.000003\",\"pos\":\"154\"}";
        assertThatThrownBy(() -> BinlogOffset.fromJson(json(stored)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored binlog offset is malformed: 'pos' must be a whole number; stored value: " + stored
                        + " (expected an object like {\"file\":\"mysql-bin.000003\",\"pos\":154,"
                        + "\"mysqlGtids\":\"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-57\",\"serverId\":1} or with "
                        + "\"mariadbGtids\":\"0-1-57\" or neither)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        "\"mysql-bin.000003:154\"",
        "{}",
        "{\"pos\":154}",
        "{\"file\":3,\"pos\":154}",
        "{\"file\":\"mysql-bin.000003\"}",
        "{\"file\":\"mysql-bin.000003\",\"pos\":1.5}",
        "{\"file\":\"mysql-bin.000003\",\"pos\":99999999999999999999}",
        "{\"file\":\"mysql-bin.000003\",\"pos\":2}",
        "{\"file\":\"mysql-bin\",\"pos\":154}",
        "{\"file\":\"mysql-bin.000003\",\"pos\":154,\"serverId\":\"1\"}",
        "{\"file\":\"mysql-bin.000003\",\"pos\":154,\"serverId\":-1}",
        "{\"file\":\"mysql-bin.000003\",\"pos\":154,\"mariadbGtids\":\"0-1\"}",
        "{\"file\":\"mysql-bin.000003\",\"pos\":154,\"mariadbGtids\":57}",
        "{\"file\":\"mysql-bin.000003\",\"pos\":154,\"mysqlGtids\":\"uuid:1-57\"}",
        "{\"file\":\"mysql-bin.000003\",\"pos\":154,\"mysqlGtids\":null}",
        "{\"file\":\"mysql-bin.000003\",\"pos\":154,\"mariadbGtids\":\"0-1-5\",\"mysqlGtids\":\"\"}"})
    void rejectsMalformedStoredValues(String stored) throws Exception {
        JsonNode node = json(stored);
        assertThatThrownBy(() -> BinlogOffset.fromJson(node))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stored binlog offset is malformed: ")
                .hasMessageContaining("; stored value: " + node + " (expected an object like {");
    }

    @Test
    void malformedMessagesSayWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> BinlogOffset.fromJson(json("{\"pos\":154}")))
                .hasMessageStartingWith("stored binlog offset is malformed: 'file' must be a string;");
        assertThatThrownBy(() -> BinlogOffset.fromJson(json("{\"file\":\"mysql-bin.000003\"}")))
                .hasMessageStartingWith("stored binlog offset is malformed: 'pos' must be a whole number but is missing;");
        assertThatThrownBy(() -> BinlogOffset.fromJson(
                json("{\"file\":\"mysql-bin.000003\",\"pos\":154,\"mariadbGtids\":\"0-1-5\",\"mysqlGtids\":\"\"}")))
                .hasMessageStartingWith("stored binlog offset is malformed: holds both 'mariadbGtids' and 'mysqlGtids';");
        assertThatThrownBy(() -> BinlogOffset.fromJson(
                json("{\"file\":\"mysql-bin.000003\",\"pos\":154,\"mysqlGtids\":\"uuid:1-57\"}")))
                .hasMessageStartingWith("stored binlog offset is malformed: not a MySQL GTID set: bad UUID 'uuid' in 'uuid:1-57'");
        assertThatThrownBy(() -> BinlogOffset.fromJson(NullNode.getInstance()))
                .hasMessageStartingWith("stored binlog offset is malformed: not a JSON object; stored value: null");
        assertThatThrownBy(() -> BinlogOffset.fromJson(null))
                .hasMessageStartingWith("stored binlog offset is malformed: not a JSON object; stored value: null");
    }
}
