package dev.capstan.runtime.snapshot;

import dev.capstan.runtime.event.ChangeEvent;
import dev.capstan.runtime.event.Row;

/**
 * One snapshot row, read and encoded by a chunk reader, waiting for its chunk's high watermark: its key
 * (to compare with the keys the stream changed) and its encoded record. The event itself is kept only in
 * a table's last chunk, whose final row is written again marked {@code last}; elsewhere it is dropped
 * to keep a waiting chunk small.
 */
record SnapshotRecord(Row key, byte[] keyBytes, byte[] value, ChangeEvent event) {
}
