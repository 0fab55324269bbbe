package dev.capstan.runtime.event;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The column values of one row image (or key), in column order. The column names are shared by every
 * row of a table layout ({@link Columns}), so a row costs one small array, not a map.
 *
 * <p>Immutable once built; thread-safe to read.
 */
public final class Row {

    /**
     * Written in place of a value the source does not carry (PostgreSQL: an unchanged TOASTed column of an
     * update whose table is not REPLICA IDENTITY FULL); never a made-up value.
     */
    public static final String UNAVAILABLE = "__capstan_unavailable_value";

    private final Columns columns;
    private final Object[] values;

    /** Takes over {@code values}; {@code values[i]} belongs to {@code columns.name(i)}. */
    public Row(Columns columns, Object[] values) {
        if (columns.size() != values.length) {
            throw new IllegalArgumentException(columns.size() + " columns but " + values.length + " values");
        }
        this.columns = columns;
        this.values = values;
    }

    /** A row from a map, in the map's order, every column a string (for tests and tools). */
    public static Row of(Map<String, ?> map) {
        return new Row(new Columns(map.keySet().toArray(String[]::new)), map.values().toArray());
    }

    public Columns columns() {
        return columns;
    }

    public int size() {
        return values.length;
    }

    public String name(int i) {
        return columns.name(i);
    }

    public Object value(int i) {
        return values[i];
    }

    /** The value of column {@code name}, or null when there is no such column. */
    public Object get(String name) {
        int i = columns.indexOf(name);
        return i < 0 ? null : values[i];
    }

    /** The row as an ordered map (a copy). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(columns.name(i), values[i]);
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row other && Arrays.equals(columns.names(), other.columns.names())
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    /**
     * The column names of a row layout, shared by all rows of a table until its layout changes.
     * Immutable; thread-safe.
     */
    public static final class Columns {
        private final String[] names;
        private final ColumnType[] types;

        /** Columns of unknown type (tools and tests): every column a string. */
        public Columns(String[] names) {
            this(names, java.util.Collections.nCopies(names.length, ColumnType.STRING).toArray(ColumnType[]::new));
        }

        /** Columns with their types; {@code types[i]} belongs to {@code names[i]}. */
        public Columns(String[] names, ColumnType[] types) {
            if (names.length != types.length) {
                throw new IllegalArgumentException(names.length + " names but " + types.length + " types");
            }
            this.names = names.clone();
            this.types = types.clone();
        }

        public ColumnType type(int i) {
            return types[i];
        }

        public int size() {
            return names.length;
        }

        public String name(int i) {
            return names[i];
        }

        String[] names() {
            return names;
        }

        /** The position of {@code name}, or -1. */
        public int indexOf(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
