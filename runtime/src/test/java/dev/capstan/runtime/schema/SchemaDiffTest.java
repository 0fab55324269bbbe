package dev.capstan.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

    private static Schema row(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Value\",\"namespace\":\"p.s.t\",\"fields\":["
                + fields + "]}");
    }

    @Test
    void describesEachColumnChangeReadably() {
        Schema before = row("{\"name\":\"id\",\"type\":\"long\"},"
                + "{\"name\":\"amount\",\"type\":[\"null\",\"long\"],\"default\":null},"
                + "{\"name\":\"rate\",\"type\":[\"null\",\"int\"],\"default\":null},"
                + "{\"name\":\"price\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                + "\"precision\":10,\"scale\":2}],\"default\":null},"
                + "{\"name\":\"label\",\"type\":[\"null\",\"string\"],\"default\":null},"
                + "{\"name\":\"legacy\",\"type\":[\"null\",\"string\"],\"default\":null}");
        Schema after = row("{\"name\":\"id\",\"type\":[\"null\",\"long\"],\"default\":null},"
                + "{\"name\":\"amount\",\"type\":[\"null\",\"int\"],\"default\":null},"
                + "{\"name\":\"rate\",\"type\":[\"null\",\"double\"],\"default\":null},"
                + "{\"name\":\"price\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                + "\"precision\":8,\"scale\":2}],\"default\":null},"
                + "{\"name\":\"label\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}],\"default\":null},"
                + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");
        assertThat(SchemaDiff.changes(before, after)).containsExactly(
                "id: required -> optional",
                "amount: long -> int (narrowing)",
                "rate: int -> double (widening)",
                "price: decimal(10,2) -> decimal(8,2) (narrowing)",
                "label: string -> date (type changed)",
                "note: string (added, optional)",
                "legacy: removed");
    }

    @Test
    void aFirstVersionListsEveryColumnAsAdded() {
        assertThat(SchemaDiff.changes(null, row("{\"name\":\"id\",\"type\":\"int\"}")))
                .containsExactly("id: int (added, required)");
    }
}
