package dev.capstan.runtime.source.postgres;

import java.util.Locale;
import org.postgresql.replication.LogSequenceNumber;

/**
 * A PostgreSQL WAL position (log sequence number, {@code XLogRecPtr}): an unsigned 64-bit
 * number, written as two hexadecimal halves of up to 8 digits each separated by a slash,
 * for example {@code 16/B374D848}.
 *
 * <p>Ordering is unsigned, like pgjdbc's {@link LogSequenceNumber}, so
 * {@code FFFFFFFF/FFFFFFFF} sorts after {@code 0/1}. {@link #INVALID} ({@code 0/0}) is the
 * sentinel for "no position"; never acknowledge it to the server.
 *
 * <p>Immutable and thread-safe.
 */
public final class PgLsn implements Comparable<PgLsn> {

    /** {@code 0/0}: no position. PostgreSQL never writes a WAL record at 0. */
    public static final PgLsn INVALID = new PgLsn(0L);

    private final long value;

    private PgLsn(long value) {
        this.value = value;
    }

    /** The position with this raw 64-bit value (interpreted as unsigned). */
    public static PgLsn of(long value) {
        return value == 0L ? INVALID : new PgLsn(value);
    }

    /**
     * Parses the {@code XXXXXXXX/XXXXXXXX} form (hex digits in either case).
     *
     * @throws IllegalArgumentException if {@code text} is not a valid LSN; unlike pgjdbc, a
     *                                  malformed string is an error, never silently {@code 0/0}
     */
    public static PgLsn parse(String text) {
        int slash = text.indexOf('/');
        int lowDigits = text.length() - slash - 1;
        if (slash < 1 || slash > 8 || lowDigits < 1 || lowDigits > 8) {
            throw new IllegalArgumentException("not a PostgreSQL LSN (expected XXXXXXXX/XXXXXXXX): '" + text + "'");
        }
        long high = parseHex(text, 0, slash);
        long low = parseHex(text, slash + 1, text.length());
        return of((high << 32) | low);
    }

    private static long parseHex(String text, int from, int to) {
        long result = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                throw new IllegalArgumentException("not a PostgreSQL LSN (bad hex digit): '" + text + "'");
            }
            result = (result << 4) | digit;
        }
        return result;
    }

    /** Converts from pgjdbc's type; pgjdbc's {@code INVALID_LSN} becomes {@link #INVALID}. */
    public static PgLsn from(LogSequenceNumber lsn) {
        return of(lsn.asLong());
    }

    /** Converts to pgjdbc's type, for {@code setFlushedLSN} / {@code withStartPosition}. */
    public LogSequenceNumber toLogSequenceNumber() {
        return LogSequenceNumber.valueOf(value);
    }

    /** The raw 64-bit value (unsigned; the event's {@code source.lsn} carries it). */
    public long asLong() {
        return value;
    }

    /** Whether this is a real position, not {@link #INVALID}. */
    public boolean isValid() {
        return value != 0L;
    }

    /** Whether this position is strictly after {@code other} (unsigned order). */
    public boolean isAfter(PgLsn other) {
        return compareTo(other) > 0;
    }

    /** Whether this position is strictly before {@code other} (unsigned order). */
    public boolean isBefore(PgLsn other) {
        return compareTo(other) < 0;
    }

    /** The later of two positions. */
    public static PgLsn max(PgLsn a, PgLsn b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The PostgreSQL text form, upper-case hex without padding: {@code 16/B374D848}. */
    public String format() {
        return Long.toHexString(value >>> 32).toUpperCase(Locale.ROOT) + '/'
                + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase(Locale.ROOT);
    }

    @Override
    public int compareTo(PgLsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgLsn other && other.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    /** Same as {@link #format()}. */
    @Override
    public String toString() {
        return format();
    }
}
