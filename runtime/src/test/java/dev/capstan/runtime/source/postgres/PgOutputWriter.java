package dev.capstan.runtime.source.postgres;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Test helper: writes pgoutput messages field by field following the layouts of PostgreSQL's
 * "Logical Replication Message Formats" (big-endian Int8/16/32/64, NUL-terminated UTF-8
 * Strings, TupleData). Not thread-safe.
 */
final class PgOutputWriter {

    /** Marks an unchanged TOASTed column in {@link #tuple(Object...)}. */
    static final Object TOAST = new Object();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private PgOutputWriter() {
    }

    /** Starts a message with its Byte1 type. */
    static PgOutputWriter message(char type) {
        return new PgOutputWriter().int8(type);
    }

    PgOutputWriter int8(int value) {
        out.write(value);
        return this;
    }

    PgOutputWriter int16(int value) {
        return int8(value >>> 8).int8(value);
    }

    PgOutputWriter int32(int value) {
        return int16(value >>> 16).int16(value);
    }

    PgOutputWriter int64(long value) {
        return int32((int) (value >>> 32)).int32((int) value);
    }

    /** A String: UTF-8 bytes and a terminating NUL. */
    PgOutputWriter string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8)).int8(0);
    }

    PgOutputWriter bytes(byte[] value) {
        out.write(value, 0, value.length);
        return this;
    }

    /** A Relation column: Int8 flags, String name, Int32 type OID, Int32 type modifier. */
    PgOutputWriter column(boolean key, String name, int typeOid, int typeModifier) {
        return int8(key ? 1 : 0).string(name).int32(typeOid).int32(typeModifier);
    }

    /**
     * TupleData: Int16 column count, then per column {@code null} as 'n', {@link #TOAST} as 'u',
     * a String as 't' + Int32 length + UTF-8 bytes, a byte[] as 'b' + Int32 length + bytes.
     */
    PgOutputWriter tuple(Object... columns) {
        int16(columns.length);
        for (Object column : columns) {
            if (column == null) {
                int8('n');
            } else if (column == TOAST) {
                int8('u');
            } else if (column instanceof String text) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                int8('t').int32(bytes.length).bytes(bytes);
            } else {
                byte[] bytes = (byte[]) column;
                int8('b').int32(bytes.length).bytes(bytes);
            }
        }
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    /** A plain heap buffer. */
    ByteBuffer buffer() {
        return ByteBuffer.wrap(toBytes());
    }

    /**
     * A buffer as pgjdbc's {@code readPending()} returns it: a {@code slice()} of the whole
     * CopyData message after its 25-byte XLogData header, so the array offset is not 0.
     */
    ByteBuffer xlogDataSlice() {
        byte[] body = toBytes();
        ByteBuffer copyData = ByteBuffer.allocate(25 + body.length);
        copyData.put((byte) 'w').putLong(0x16B374D848L).putLong(0x16B374D900L).putLong(0L).put(body);
        copyData.position(25);
        return copyData.slice();
    }

    /** The same bytes in a direct buffer (no backing array). */
    ByteBuffer directBuffer() {
        byte[] body = toBytes();
        ByteBuffer direct = ByteBuffer.allocateDirect(body.length).put(body);
        return direct.flip();
    }
}
