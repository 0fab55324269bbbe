package dev.capstan.runtime.config;

import dev.capstan.api.v1alpha1.snapshot.SnapshotMode;
import dev.capstan.runtime.event.TableId;
import java.util.List;

/**
 * How existing rows are read: the initial snapshot and the declarative re-snapshots of
 * {@code spec.snapshot}.
 *
 * @param chunkSize   rows per chunk
 * @param parallelism chunk readers at once, across and within tables
 * @param requests    re-snapshot requests in spec order; each id runs once
 */
public record SnapshotConfig(SnapshotMode mode, int chunkSize, int parallelism, List<Request> requests) {

    /** A re-snapshot request: {@code tables} are read again, once for this {@code id}. */
    public record Request(String id, List<TableId> tables) {
    }
}
