package dev.capstan.runtime.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The key range of one chunk: rows with key after {@code after} and up to {@code upTo}, keys as the
 * database prints them (one string per key column). A null {@code after} starts at the first row; a
 * null {@code upTo} runs to the last.
 */
public record ChunkRange(List<String> after, List<String> upTo) {

    public ChunkRange {
        after = after == null ? null : List.copyOf(after);
        upTo = upTo == null ? null : List.copyOf(upTo);
    }

    /** Whether this is the last chunk of its table (no upper bound). */
    @JsonIgnore
    public boolean isLast() {
        return upTo == null;
    }
}
