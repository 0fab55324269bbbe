package dev.capstan.runtime.source.postgres;

/**
 * Which before-image an Update or Delete carries; it depends on the table's
 * {@code REPLICA IDENTITY}.
 *
 * <p>Immutable and thread-safe.
 */
public enum OldTupleKind {
    /**
     * No old tuple (Updates only): the table's identity is DEFAULT or INDEX and the update did
     * not change a key column; the key is in the new tuple.
     */
    NONE,
    /**
     * {@code 'K'}: only the replica identity (key) columns are set; every other column is NULL
     * in this tuple and means "not sent", not SQL NULL.
     */
    KEY,
    /** {@code 'O'}: the whole old row ({@code REPLICA IDENTITY FULL}). */
    FULL
}
