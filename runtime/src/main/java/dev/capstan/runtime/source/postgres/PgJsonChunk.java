package dev.capstan.runtime.source.postgres;

import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.SourceInfo;
import dev.capstan.runtime.snapshot.JsonChunkRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of one chunk as {@link PgJsonRow} writes them (for {@link PgChunkReader#readJson}), with their keys
 * and, where needed, their events. One method per row: the JIT compiles it once, as a method that runs all
 * the time a chunk is read, rather than the loop that reads a chunk (which waits between chunks, and whose
 * queued compilation the JIT drops as stale while it waits).
 *
 * <p>Not thread-safe: one per chunk read.
 */
final class PgJsonChunk {

    private final PgSnapshotTable table;
    private final PgJsonRow.Columns columns;
    private final PgJsonRow json;
    private final SourceInfo info;
    private final long now;
    private final boolean everyEvent;
    private final List<ChangeEvent> events = new ArrayList<>();
    private final List<Row> keys = new ArrayList<>();
    private final List<byte[]> keyJson = new ArrayList<>();
    private int[] ends = new int[1024];
    private final byte[][] values;
    private final String[] texts;
    private final String[] keyTexts;
    private final byte[] kinds;

    PgJsonChunk(PgSnapshotTable table, PgJsonRow json, SourceInfo info, long now, boolean everyEvent) {
        this.table = table;
        this.columns = table.json();
        this.json = json;
        this.info = info;
        this.now = now;
        this.everyEvent = everyEvent;
        int n = table.columnCount();
        values = new byte[n][];
        texts = new String[n];
        keyTexts = new String[n];
        kinds = new byte[n];
    }

    void add(ResultSet rs) throws SQLException {
        PgJsonCell[] cells = columns.cells();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i].readsText()) {
                texts[i] = rs.getString(i + 1);
            } else {
                values[i] = rs.getBytes(i + 1); // pgjdbc hands out the received text bytes of a non-bytea column
            }
        }
        json.object(columns, columns.row(), values, texts);
        if (keys.size() == ends.length) {
            ends = Arrays.copyOf(ends, ends.length * 2);
        }
        ends[keys.size()] = json.position();
        keyJson.add(json.key(columns, values, texts));
        keys.add(key());
        if (everyEvent || events.isEmpty()) {
            events.add(PgChunkReader.event(table.model(), allTexts(), new byte[kinds.length], table.model().id(), info, now));
        }
    }

    /** The row's key: its key columns' texts converted by the model. */
    private Row key() {
        Arrays.fill(kinds, TupleData.NULL);
        for (int i : columns.key()) {
            keyTexts[i] = text(i);
            kinds[i] = keyTexts[i] == null ? TupleData.NULL : TupleData.TEXT;
        }
        return table.model().key(new TupleData(kinds, keyTexts, null));
    }

    private String[] allTexts() {
        String[] all = new String[values.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = text(i);
        }
        return all;
    }

    private String text(int i) {
        return texts[i] != null ? texts[i] : values[i] == null ? null : PgJsonCell.utf8(values[i]);
    }

    JsonChunkRows done(long[] inProgress) {
        return new JsonChunkRows(events, keys, keyJson, json.buffer(), Arrays.copyOf(ends, keys.size()),
                inProgress);
    }
}
