package dev.capstan.runtime.source.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads the primitive fields of the PostgreSQL wire format (big-endian integers,
 * NUL-terminated UTF-8 strings, counted byte strings) from a {@link ByteBuffer}, advancing its
 * position. Heap buffers with an array offset (as pgjdbc's {@code slice()}) are read in place.
 *
 * <p>Stateless and thread-safe; a buffer itself must not be shared between threads.
 */
final class PgWire {

    /** Seconds from 1970-01-01 to the PostgreSQL epoch 2000-01-01 (UTC). */
    static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private PgWire() {
    }

    /** A NUL-terminated UTF-8 string ("String" in the protocol docs). */
    static String cstring(ByteBuffer in) {
        int start = in.position();
        int end = start;
        int limit = in.limit();
        while (end < limit && in.get(end) != 0) {
            end++;
        }
        if (end == limit) {
            throw new PgOutputException("string at offset " + start + " is not NUL-terminated");
        }
        String value = utf8(in, end - start);
        in.get(); // the NUL
        return value;
    }

    /** {@code length} bytes decoded as UTF-8. */
    static String utf8(ByteBuffer in, int length) {
        checkLength(in, length);
        int position = in.position();
        String value;
        if (in.hasArray()) {
            value = new String(in.array(), in.arrayOffset() + position, length, StandardCharsets.UTF_8);
        } else {
            byte[] bytes = new byte[length];
            in.get(position, bytes);
            value = new String(bytes, StandardCharsets.UTF_8);
        }
        in.position(position + length);
        return value;
    }

    /** {@code length} bytes, copied. */
    static byte[] bytes(ByteBuffer in, int length) {
        checkLength(in, length);
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** An Int64 XLogRecPtr. */
    static PgLsn lsn(ByteBuffer in) {
        return PgLsn.of(in.getLong());
    }

    /** An Int64 TimestampTz: microseconds since 2000-01-01 00:00:00 UTC. */
    static Instant timestamp(ByteBuffer in) {
        return fromPostgresMicros(in.getLong());
    }

    /** Converts microseconds since the PostgreSQL epoch to an {@link Instant}. */
    static Instant fromPostgresMicros(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long nanos = Math.floorMod(micros, 1_000_000L) * 1_000L;
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECONDS + seconds, nanos);
    }

    /** An Int32 that is an unsigned number (TransactionId, counts). */
    static long unsignedInt(ByteBuffer in) {
        return Integer.toUnsignedLong(in.getInt());
    }

    /** An Int16 that is an unsigned count. */
    static int unsignedShort(ByteBuffer in) {
        return Short.toUnsignedInt(in.getShort());
    }

    private static void checkLength(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new PgOutputException("length " + length + " at offset " + in.position()
                    + " exceeds the " + in.remaining() + " bytes left in the message");
        }
    }
}
