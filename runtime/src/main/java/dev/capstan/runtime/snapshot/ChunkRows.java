package dev.capstan.runtime.snapshot;

import dev.capstan.runtime.event.ChangeEvent;
import java.util.List;

/**
 * The rows of one chunk read, and the transactions that were still in progress for the read: the read
 * did not see their changes. When the stream delivered one of them before the chunk's low watermark
 * (its commit was written to the log before the watermark but became visible to queries after the read
 * began), the read misses a change the stream already passed, and the chunk is read again.
 *
 * @param inProgress transaction ids in the form the stream reports them ({@link SnapshotCoordinator#onTransaction})
 */
public record ChunkRows(List<ChangeEvent> rows, long[] inProgress) {
}
