package dev.capstan.runtime.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.capstan.runtime.support.TopicReader.Rec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
