package dev.capstan.runtime.source.postgres;

import java.util.Arrays;

/**
 * One row image from a pgoutput Insert, Update or Delete ("TupleData"): for each column, in
 * the order of the Relation message's columns, a {@link Kind} and, for {@link Kind#TEXT}, the
 * value in PostgreSQL's text output format.
 *
 * <p>Stored as parallel arrays (one kind byte and one string slot per column) so decoding a
 * row allocates one object per text value and nothing per NULL or unchanged value.
 *
 * <p>Immutable once decoded and thread-safe to read.
 */
public final class TupleData {

    /** A tuple with no columns: the "absent" old tuple of an Update without one. */
    public static final TupleData EMPTY = new TupleData(new byte[0], new String[0], null);

    /** What pgoutput sent for one column. */
    public enum Kind {
        /** {@code 'n'}: the value is SQL NULL. */
        NULL,
        /**
         * {@code 'u'}: an unchanged TOASTed value; the value is <em>not</em> in the WAL record.
         * It is unknown, not NULL: never emit it as a value (Debezium emits a placeholder).
         */
        UNCHANGED_TOAST,
        /** {@code 't'}: the value in text format, see {@link #text(int)}. */
        TEXT,
        /** {@code 'b'}: the value in binary send format (only with the {@code binary} option). */
        BINARY
    }

    static final byte NULL = 'n';
    static final byte UNCHANGED_TOAST = 'u';
    static final byte TEXT = 't';
    static final byte BINARY = 'b';

    private final byte[] kinds;
    private final String[] texts;
    private final byte[][] binaries;

    /** Arrays are taken over, not copied; {@code binaries} is null when no column is binary. */
    TupleData(byte[] kinds, String[] texts, byte[][] binaries) {
        this.kinds = kinds;
        this.texts = texts;
        this.binaries = binaries;
    }

    /** A tuple of text values, where a {@code null} element is SQL NULL (for tests and tools). */
    public static TupleData ofTexts(String... values) {
        byte[] kinds = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            kinds[i] = values[i] == null ? NULL : TEXT;
        }
        return new TupleData(kinds, values.clone(), null);
    }

    /** Number of columns. */
    public int size() {
        return kinds.length;
    }

    /** What was sent for column {@code i} (0-based). */
    public Kind kind(int i) {
        return switch (kinds[i]) {
            case NULL -> Kind.NULL;
            case UNCHANGED_TOAST -> Kind.UNCHANGED_TOAST;
            case TEXT -> Kind.TEXT;
            default -> Kind.BINARY;
        };
    }

    /** Whether column {@code i} is SQL NULL. */
    public boolean isNull(int i) {
        return kinds[i] == NULL;
    }

    /** Whether column {@code i} is an unchanged TOASTed value, whose value is unknown. */
    public boolean isUnchangedToast(int i) {
        return kinds[i] == UNCHANGED_TOAST;
    }

    /** The text-format value of column {@code i}, or null unless its kind is {@link Kind#TEXT}. */
    public String text(int i) {
        return texts[i];
    }

    /** A copy of the binary value of column {@code i}, or null unless its kind is {@link Kind#BINARY}. */
    public byte[] binary(int i) {
        return binaries == null || binaries[i] == null ? null : binaries[i].clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TupleData other
                && Arrays.equals(kinds, other.kinds)
                && Arrays.equals(texts, other.texts)
                && Arrays.deepEquals(binaries, other.binaries);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(kinds) + Arrays.hashCode(texts);
    }

    /** Shows kinds and values, e.g. {@code [t:42, n, u]}; may contain row data, so log with care. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < kinds.length; i++) {
            out.append(i == 0 ? "" : ", ").append((char) kinds[i]);
            if (kinds[i] == TEXT) {
                out.append(':').append(texts[i]);
            } else if (kinds[i] == BINARY) {
                out.append(':').append(binaries[i].length).append(" bytes");
            }
        }
        return out.append(']').toString();
    }
}
