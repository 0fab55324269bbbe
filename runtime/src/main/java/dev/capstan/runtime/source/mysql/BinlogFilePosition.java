package dev.capstan.runtime.source.mysql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte position in a MySQL or MariaDB binary log file, written {@code file:position}, for
 * example {@code mysql-bin.000003:154}. The file name is a base name, a dot and a decimal file
 * number ({@code mysql-bin.000003}, {@code mariadb-bin.000012}), as {@code SHOW MASTER STATUS}
 * and {@code SHOW BINARY LOGS} print it.
 *
 * <p>Ordering: by base name, then by file number (numerically, so {@code .999999} sorts before
 * {@code .1000000}), then by position. Positions start at {@value #FIRST_EVENT}, after the
 * 4-byte file header.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file     the binlog file name, for example {@code mysql-bin.000003}
 * @param position the byte offset in the file, at least {@value #FIRST_EVENT}
 */
public record BinlogFilePosition(String file, long position) implements Comparable<BinlogFilePosition> {

    /** The position of the first event of every binlog file, after its 4-byte magic header. */
    public static final long FIRST_EVENT = 4;

    private static final Pattern FILE = Pattern.compile("([^\\s:/\\\\]+)\\.(\\d{1,18})");
    private static final String EXPECTED = "expected file:position, for example mysql-bin.000003:154";

    /**
     * Checks the file name and position.
     *
     * @throws IllegalArgumentException if the file name is not {@code base.number} or the position is below 4
     */
    public BinlogFilePosition {
        if (file == null || !FILE.matcher(file).matches()) {
            throw new IllegalArgumentException("not a binlog file name (expected a base name, a dot and a number, "
                    + "for example mysql-bin.000003): " + (file == null ? "null" : "'" + file + "'"));
        }
        if (position < FIRST_EVENT) {
            throw new IllegalArgumentException("binlog position " + position + " in '" + file
                    + "' is before the first event; positions start at " + FIRST_EVENT);
        }
    }

    /** The position of the first event of {@code file}. */
    public static BinlogFilePosition startOf(String file) {
        return new BinlogFilePosition(file, FIRST_EVENT);
    }

    /**
     * Parses {@code file:position}, for example {@code mysql-bin.000003:154}.
     *
     * @throws IllegalArgumentException if {@code text} is malformed; the message quotes it
     */
    public static BinlogFilePosition parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a binlog position (" + EXPECTED + "): null");
        }
        int colon = text.lastIndexOf(':');
        String digits = colon < 0 ? "" : text.substring(colon + 1);
        if (colon < 1 || digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a binlog position (" + EXPECTED + "): '" + text + "'");
        }
        long position;
        try {
            position = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a binlog position (" + EXPECTED + "; position too large): '"
                    + text + "'", e);
        }
        try {
            return new BinlogFilePosition(text.substring(0, colon), position);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a binlog position (" + EXPECTED + "): '" + text + "': "
                    + e.getMessage(), e);
        }
    }

    /** The file name without its number, for example {@code mysql-bin}. */
    public String baseName() {
        return matcher().group(1);
    }

    /** The file number, for example 3 for {@code mysql-bin.000003}. */
    public long fileNumber() {
        return Long.parseLong(matcher().group(2));
    }

    private Matcher matcher() {
        Matcher m = FILE.matcher(file);
        m.matches();
        return m;
    }

    /** The same file at {@code newPosition}. */
    public BinlogFilePosition withPosition(long newPosition) {
        return new BinlogFilePosition(file, newPosition);
    }

    /** Whether this position is strictly after {@code other} in {@link #compareTo} order. */
    public boolean isAfter(BinlogFilePosition other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(BinlogFilePosition other) {
        int byBase = baseName().compareTo(other.baseName());
        if (byBase != 0) {
            return byBase;
        }
        int byNumber = Long.compare(fileNumber(), other.fileNumber());
        if (byNumber != 0) {
            return byNumber;
        }
        int byPosition = Long.compare(position, other.position);
        // Tie-break on the spelling ("x.01" vs "x.1") so the order stays consistent with equals.
        return byPosition != 0 ? byPosition : file.compareTo(other.file);
    }

    /** The text form {@code file:position}, for example {@code mysql-bin.000003:154}. */
    @Override
    public String toString() {
        return file + ":" + position;
    }
}
