package dev.capstan.runtime.source.postgres;

import dev.capstan.runtime.config.TableConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A captured table as the snapshot reads it: the columns pgoutput publishes (not dropped, not generated),
 * in column order, the {@link PgTableModel} built from the catalog exactly as from a Relation message (so
 * a snapshot row and a streamed row of the same values are equal), and the SQL fragments of its key.
 *
 * <p>Immutable and thread-safe.
 */
final class PgSnapshotTable {

    /** Types below this OID are built in; pgoutput names the others (by their base type) in Type messages. */
    private static final int FIRST_NON_BUILTIN_OID = 10_000;
    private static final String COLUMNS = """
            WITH RECURSIVE base(oid, base_oid) AS (
                SELECT t.oid, t.oid FROM pg_type t WHERE t.oid IN (SELECT atttypid FROM pg_attribute WHERE attrelid = ?::regclass)
                UNION ALL
                SELECT b.oid, t.typbasetype FROM base b JOIN pg_type t ON t.oid = b.base_oid WHERE t.typtype = 'd')
            SELECT a.attrelid::oid::bigint, a.attname, a.atttypid::bigint, a.atttypmod,
                   format_type(a.atttypid, a.atttypmod), bn.nspname, bt.typname
            FROM pg_attribute a
            JOIN base b ON b.oid = a.atttypid
            JOIN pg_type bt ON bt.oid = b.base_oid AND bt.typtype <> 'd'
            JOIN pg_namespace bn ON bn.oid = bt.typnamespace
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
            ORDER BY a.attnum""";

    private final String qualified;
    private final String columnList;
    private final String keyList;
    private final String keyParameters;
    private final int columnCount;
    private final int keyCount;
    private final PgTableModel model;
    private final PgJsonRow.Columns json;

    private PgSnapshotTable(String qualified, String columnList, String keyList, String keyParameters,
                            int columnCount, int keyCount, PgTableModel model, PgJsonRow.Columns json) {
        this.qualified = qualified;
        this.columnList = columnList;
        this.keyList = keyList;
        this.keyParameters = keyParameters;
        this.columnCount = columnCount;
        this.keyCount = keyCount;
        this.model = model;
        this.json = json;
    }

    /** Reads the layout of {@code table} with key {@code keyColumns} from the catalog. */
    static PgSnapshotTable load(Connection connection, TableConfig table, List<String> keyColumns) throws SQLException {
        String qualified = PgPrerequisites.quote(table.id());
        List<PgMessage.Column> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> typeNames = new ArrayList<>();
        RelationCache cache = new RelationCache();
        int relationId = 0;
        try (PreparedStatement st = connection.prepareStatement(COLUMNS)) {
            st.setString(1, qualified);
            st.setString(2, qualified);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    relationId = (int) rs.getLong(1);
                    String name = rs.getString(2);
                    int typeOid = (int) rs.getLong(3);
                    columns.add(new PgMessage.Column(keyColumns.contains(name), name, typeOid, rs.getInt(4)));
                    names.add(name);
                    typeNames.add(rs.getString(5));
                    if (Integer.toUnsignedLong(typeOid) >= FIRST_NON_BUILTIN_OID) {
                        cache.remember(new PgMessage.Type(typeOid, rs.getString(6), rs.getString(7)));
                    }
                }
            }
        }
        PgMessage.Relation relation = new PgMessage.Relation(relationId, table.id().schema(), table.id().table(), 'd',
                columns);
        cache.put(relation);
        PgTableModel model = PgTableModel.of(relation, cache.converters(relationId), cache.types(relationId), table,
                keyColumns);
        List<String> quotedKeys = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        for (String key : keyColumns) {
            quotedKeys.add(PgPrerequisites.quoteIdent(key));
            parameters.add("CAST(? AS " + typeNames.get(names.indexOf(key)) + ")");
        }
        List<String> quotedColumns = names.stream().map(PgPrerequisites::quoteIdent).toList();
        int[] typeOids = columns.stream().mapToInt(PgMessage.Column::typeOid).toArray();
        return new PgSnapshotTable(qualified, String.join(", ", quotedColumns), String.join(", ", quotedKeys),
                String.join(", ", parameters), columns.size(), keyColumns.size(), model,
                PgJsonRow.Columns.of(model, typeOids));
    }

    String qualified() {
        return qualified;
    }

    /** The published columns, quoted, in column order. */
    String columnList() {
        return columnList;
    }

    /** The key columns, quoted, in key order. */
    String keyList() {
        return keyList;
    }

    /** One {@code CAST(? AS type)} per key column. */
    String keyParameters() {
        return keyParameters;
    }

    int columnCount() {
        return columnCount;
    }

    int keyCount() {
        return keyCount;
    }

    PgTableModel model() {
        return model;
    }

    /** How {@link PgJsonRow} writes the table's rows. */
    PgJsonRow.Columns json() {
        return json;
    }
}
