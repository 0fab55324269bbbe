package dev.capstan.runtime.snapshot;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL both databases share for key ranges: {@code WHERE (k1, k2) > (?, ?) AND (k1, k2) <= (?, ?)} with
 * row comparisons (served by the primary key index, in the index's order and collation), and binding the
 * bounds as text so the server converts them to the key columns' types.
 */
public final class KeyRangeSql {

    private KeyRangeSql() {
    }

    /**
     * {@code WHERE (k) > (after) AND (k) <= (upTo)}, each part only when its bound is given.
     *
     * @param keyList    the key columns, quoted and comma-separated
     * @param parameters one parameter per key column, comma-separated ({@code ?}, or {@code CAST(? AS type)})
     */
    public static String where(String keyList, String parameters, List<String> after, List<String> upTo) {
        List<String> parts = new ArrayList<>(2);
        if (after != null) {
            parts.add("(" + keyList + ") > (" + parameters + ")");
        }
        if (upTo != null) {
            parts.add("(" + keyList + ") <= (" + parameters + ")");
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    /** Binds the bounds of {@link #where} from parameter 1 on. */
    public static void bind(PreparedStatement st, List<String> after, List<String> upTo) throws SQLException {
        int p = 1;
        for (String v : after == null ? List.<String>of() : after) {
            st.setString(p++, v);
        }
        for (String v : upTo == null ? List.<String>of() : upTo) {
            st.setString(p++, v);
        }
    }
}
