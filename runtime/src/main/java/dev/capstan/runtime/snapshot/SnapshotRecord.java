package dev.capstan.runtime.snapshot;

import dev.capstan.runtime.event.ChangeEvent;

/** One snapshot row, read and encoded by a chunk reader, waiting for its chunk's high watermark. */
record SnapshotRecord(ChangeEvent event, byte[] key, byte[] value) {
}
