package dev.capstan.runtime.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.Operation;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.SourceInfo;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.event.TransactionMarker;
import dev.capstan.runtime.event.TransactionRef;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonEventFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonEventFormat format = new JsonEventFormat();
    private final TableId table = new TableId("public", "bookings");

    @Test
    void writesTheDebeziumEnvelope() throws Exception {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("id", 7L);
        after.put("amount", new BigDecimal("12.50"));
        after.put("tags", Arrays.asList("a", null));
        after.put("ok", true);
        after.put("note", null);
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("txId", 731992L);
        position.put("lsn", 23816848L);
        ChangeEvent event = new ChangeEvent(table, Operation.CREATE, Row.of(Map.of("id", 7L)), null, Row.of(after),
                new SourceInfo("postgresql", "harbor", "harbor", table, 1775466862000L, "false", position),
                1775466862031L, new TransactionRef("731992:23816848", 3, 1));

        JsonNode value = JSON.readTree(format.value(event));
        assertThat(value.toString()).isEqualTo("{\"before\":null,"
                + "\"after\":{\"id\":7,\"amount\":\"12.50\",\"tags\":[\"a\",null],\"ok\":true,\"note\":null},"
                + "\"source\":{\"connector\":\"postgresql\",\"name\":\"harbor\",\"db\":\"harbor\",\"schema\":\"public\","
                + "\"table\":\"bookings\",\"txId\":731992,\"lsn\":23816848,\"ts_ms\":1775466862000,\"snapshot\":\"false\"},"
                + "\"op\":\"c\",\"ts_ms\":1775466862031,"
                + "\"transaction\":{\"id\":\"731992:23816848\",\"total_order\":3,\"data_collection_order\":1}}");
        assertThat(JSON.readTree(format.key(event)).toString()).isEqualTo("{\"id\":7}");
    }

    /** Snapshot reads of one chunk share a source block; each still carries its own row, and the shared end. */
    @Test
    void readsSharingASourceBlockAreWrittenWhole() throws Exception {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("txId", null);
        position.put("lsn", 99L);
        SourceInfo chunk = new SourceInfo("postgresql", "harbor", "harbor", table, 5L, "true", position);
        SourceInfo last = new SourceInfo("postgresql", "harbor", "harbor", table, 5L, "last", position);
        for (int i = 1; i <= 3; i++) {
            SourceInfo source = i == 3 ? last : chunk;
            ChangeEvent read = new ChangeEvent(table, Operation.READ, Row.of(Map.of("id", (long) i)), null,
                    Row.of(Map.of("id", (long) i)), source, 6L, null);
            assertThat(JSON.readTree(format.value(read)).toString()).isEqualTo("{\"before\":null,\"after\":{\"id\":" + i
                    + "},\"source\":{\"connector\":\"postgresql\",\"name\":\"harbor\",\"db\":\"harbor\","
                    + "\"schema\":\"public\",\"table\":\"bookings\",\"txId\":null,\"lsn\":99,\"ts_ms\":5,"
                    + "\"snapshot\":\"" + (i == 3 ? "last" : "true") + "\"},\"op\":\"r\",\"ts_ms\":6,"
                    + "\"transaction\":null}");
        }
    }

    @Test
    void writesTransactionMarkers() throws Exception {
        JsonNode begin = JSON.readTree(format.markerValue(TransactionMarker.begin("5:100", 9L)));
        assertThat(begin.toString()).isEqualTo(
                "{\"status\":\"BEGIN\",\"id\":\"5:100\",\"event_count\":null,\"data_collections\":null,\"ts_ms\":9}");
        Map<TableId, Long> counts = new LinkedHashMap<>();
        counts.put(table, 2L);
        counts.put(new TableId("public", "guests"), 1L);
        JsonNode end = JSON.readTree(format.markerValue(TransactionMarker.end("5:100", 9L, 3, counts)));
        assertThat(end.get("event_count").asLong()).isEqualTo(3);
        assertThat(end.get("data_collections")).hasSize(2);
        assertThat(end.get("data_collections").get(1).get("data_collection").asText()).isEqualTo("public.guests");
        assertThat(JSON.readTree(format.markerKey(TransactionMarker.begin("5:100", 9L))).toString())
                .isEqualTo("{\"id\":\"5:100\"}");
    }

    @Test
    void bufferIsReusedSafely() throws Exception {
        ChangeEvent small = new ChangeEvent(table, Operation.DELETE, Row.of(Map.of("id", 1)), Row.of(Map.of("id", 1)), null,
                new SourceInfo("postgresql", "n", "d", table, 1, "false", Map.of()), 2, null);
        byte[] first = format.value(small);
        format.value(small);
        assertThat(JSON.readTree(first).get("op").asText()).isEqualTo("d");
        assertThat(JSON.readTree(first).get("transaction").isNull()).isTrue();
        assertThat(List.of(first.length)).isNotEmpty();
    }
}
