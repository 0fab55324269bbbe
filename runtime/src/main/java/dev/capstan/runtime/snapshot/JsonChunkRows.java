package dev.capstan.runtime.snapshot;

import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.Row;
import java.util.List;

/**
 * The rows of one chunk read, written as JSON by the reader itself ({@link ChunkReader#readJson}): the
 * same rows, view and in-progress transactions as {@link ChunkRows}, with each row's key object and
 * {@code after} object already encoded.
 *
 * @param events     every row's event when the range is a table's last (its last row is written again, marked
 *                   {@code last}), else the first row's only; the first one's schema passes the gate and its
 *                   source block, op and ts_ms are every row's
 * @param keys       each row's key, to compare with the keys the stream changed
 * @param keyJson    each row's record key
 * @param rows       the rows' {@code after} objects one after another; row {@code i} ends at {@code ends[i]}. The
 *                   reader's own buffer, reused for its next read (a chunk's worth of JSON is megabytes: a
 *                   copy per chunk would be a "humongous" G1 allocation, each starting a marking cycle)
 * @param inProgress as in {@link ChunkRows}
 */
public record JsonChunkRows(List<ChangeEvent> events, List<Row> keys, List<byte[]> keyJson, byte[] rows, int[] ends,
                            long[] inProgress) {

    public int size() {
        return keys.size();
    }
}
