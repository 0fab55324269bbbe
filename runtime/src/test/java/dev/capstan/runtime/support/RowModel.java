package dev.capstan.runtime.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.capstan.runtime.support.TopicReader.Rec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Materializes a table from its change topic (last event per key wins) and reads it from the database. */
public final class RowModel {

    private RowModel() {
    }

    /** id -> value of column {@code v}, from change events in topic order; deletes and tombstones remove. */
    public static Map<Long, String> fromTopic(List<Rec> records) {
        Map<Long, String> rows = new TreeMap<>();
        for (Rec r : records) {
            long id = r.key().get("id").asLong();
            if (r.value() == null || "d".equals(r.op())) {
                rows.remove(id);
            } else if (!"t".equals(r.op())) {
                JsonNode after = r.value().get("after");
                rows.put(id, after.get("v").isNull() ? null : after.get("v").asText());
            }
        }
        return rows;
    }

    /**
     * Where the topic's state differs from {@code expected}: up to ten keys, each with the events the topic
     * holds for it (op, v, source lsn), for a failure message that shows how a row went wrong.
     */
    public static String differences(List<Rec> records, Map<Long, String> expected) {
        Map<Long, String> actual = fromTopic(records);
        Set<Long> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        StringBuilder out = new StringBuilder();
        int shown = 0;
        int differing = 0;
        for (Long id : keys) {
            if (expected.containsKey(id) == actual.containsKey(id) && Objects.equals(expected.get(id), actual.get(id))) {
                continue;
            }
            differing++;
            if (shown++ < 10) {
                out.append("\n  id ").append(id).append(": table ")
                        .append(expected.containsKey(id) ? expected.get(id) : "(no row)").append(", topic ")
                        .append(actual.containsKey(id) ? actual.get(id) : "(no row)").append("; events:");
                for (Rec r : records) {
                    if (r.key().get("id").asLong() == id) {
                        JsonNode after = r.value() == null ? null : r.value().get("after");
                        out.append(" [").append(r.op()).append(' ')
                                .append(after == null || after.isNull() ? "-" : after.get("v").asText()).append(" lsn ")
                                .append(r.value() == null ? "-" : r.value().path("source").path("lsn").asText())
                                .append(" snapshot ")
                                .append(r.value() == null ? "-" : r.value().path("source").path("snapshot").asText())
                                .append(']');
                    }
                }
            }
        }
        return differing + " rows differ of " + expected.size() + out;
    }

    /** id -> v of {@code table}. */
    public static Map<Long, String> fromTable(Connection c, String table) throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, v FROM " + table)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2));
            }
        }
        return rows;
    }
}
