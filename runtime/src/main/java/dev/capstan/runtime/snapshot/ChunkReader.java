package dev.capstan.runtime.snapshot;

import dev.capstan.runtime.event.TableId;
import java.util.List;
import java.util.Optional;

/**
 * What the snapshot needs from a database, over one connection of its own: chunk boundaries, chunk
 * rows, and watermarks written into the change stream. One per chunk reader thread; not thread-safe.
 */
public interface ChunkReader extends AutoCloseable {

    /**
     * The key of the {@code chunkSize}-th row after {@code after} (from the first row when null) that is
     * not after {@code limit} (no limit when null), in key order; empty when fewer rows are left.
     */
    Optional<List<String>> boundary(TableId table, List<String> after, List<String> limit, int chunkSize)
            throws Exception;

    /** Writes {@code content} into the change stream as a watermark; returns its position as text. */
    String watermark(String content) throws Exception;

    /**
     * The rows of {@code range} as snapshot read events (op {@code r}, {@code source.snapshot "true"}), in
     * key order, read with one consistent view, and the transactions in progress for that view.
     *
     * @param position the low watermark's position, written to the events' source block
     */
    ChunkRows read(TableId table, ChunkRange range, String position) throws Exception;

    /**
     * The rows of {@code range} as {@link #read} reads them, already written as JSON by the reader (PostgreSQL:
     * from the text the server sends, without converting every value), or null when this reader does not.
     * The rows' JSON is valid until this reader's next read.
     */
    default JsonChunkRows readJson(TableId table, ChunkRange range, String position) throws Exception {
        return null;
    }

    /** A cheap estimate of the table's rows, for {@code chunksTotal}. */
    long estimateRows(TableId table) throws Exception;

    @Override
    void close();

    /** Opens one reader with its own connection. */
    @FunctionalInterface
    interface Factory {
        ChunkReader open() throws Exception;
    }
}
