package dev.capstan.runtime.source.postgres;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one pgoutput message, as returned by pgjdbc's {@code PGReplicationStream.read()} /
 * {@code readPending()}, into a {@link PgMessage}.
 *
 * <p>Decodes the protocol version 1 layouts, which are also what versions 2 to 4 send while
 * the slot options {@code streaming} and {@code two_phase} are off (the default). Stream
 * messages ({@code S E c A p}), two-phase messages ({@code b P K r}) and unknown types fail
 * with a {@link PgOutputException} that names the slot option to check, as does a message with
 * bytes missing or left over.
 *
 * <p>Stateless and thread-safe. {@link #decode} advances the buffer's position to its limit.
 */
public final class PgOutputDecoder {

    private static final String KNOWN_TYPES = "BCORYIUDTM";

    /** Decodes the message between the buffer's position and limit. */
    public PgMessage decode(ByteBuffer buffer) {
        if (!buffer.hasRemaining()) {
            throw new PgOutputException("empty pgoutput message");
        }
        char type = (char) (buffer.get() & 0xFF);
        if (KNOWN_TYPES.indexOf(type) < 0) {
            throw unsupported(type);
        }
        PgMessage message;
        try {
            message = decodeBody(type, buffer);
        } catch (BufferUnderflowException e) {
            throw new PgOutputException("truncated pgoutput '" + type + "' message", e);
        } catch (PgOutputException e) {
            throw new PgOutputException("bad pgoutput '" + type + "' message: " + e.getMessage(), e);
        }
        if (buffer.hasRemaining()) {
            throw new PgOutputException(buffer.remaining() + " unexpected bytes after a pgoutput '" + type
                    + "' message; the slot was probably started with options other than proto_version '1'");
        }
        return message;
    }

    private static PgMessage decodeBody(char type, ByteBuffer in) {
        return switch (type) {
            case 'B' -> new PgMessage.Begin(PgWire.lsn(in), PgWire.timestamp(in), PgWire.unsignedInt(in));
            case 'C' -> new PgMessage.Commit(in.get() & 0xFF, PgWire.lsn(in), PgWire.lsn(in), PgWire.timestamp(in));
            case 'O' -> new PgMessage.Origin(PgWire.lsn(in), PgWire.cstring(in));
            case 'R' -> relation(in);
            case 'Y' -> new PgMessage.Type(in.getInt(), namespace(in), PgWire.cstring(in));
            case 'I' -> insert(in);
            case 'U' -> update(in);
            case 'D' -> delete(in);
            case 'T' -> truncate(in);
            case 'M' -> message(in);
            default -> throw new IllegalStateException("unreachable: " + type);
        };
    }

    private static PgMessage.Relation relation(ByteBuffer in) {
        int relationId = in.getInt();
        String namespace = namespace(in);
        String name = PgWire.cstring(in);
        char replicaIdentity = (char) (in.get() & 0xFF);
        int count = PgWire.unsignedShort(in);
        List<PgMessage.Column> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean key = (in.get() & 1) != 0;
            columns.add(new PgMessage.Column(key, PgWire.cstring(in), in.getInt(), in.getInt()));
        }
        return new PgMessage.Relation(relationId, namespace, name, replicaIdentity, columns);
    }

    private static String namespace(ByteBuffer in) {
        String namespace = PgWire.cstring(in);
        return namespace.isEmpty() ? "pg_catalog" : namespace;
    }

    private static PgMessage.Insert insert(ByteBuffer in) {
        int relationId = in.getInt();
        expect(in, 'N');
        return new PgMessage.Insert(relationId, tuple(in));
    }

    private static PgMessage.Update update(ByteBuffer in) {
        int relationId = in.getInt();
        byte marker = in.get();
        OldTupleKind oldKind = marker == 'N' ? OldTupleKind.NONE : oldKind(marker);
        TupleData oldTuple = TupleData.EMPTY;
        if (oldKind != OldTupleKind.NONE) {
            oldTuple = tuple(in);
            expect(in, 'N');
        }
        return new PgMessage.Update(relationId, oldKind, oldTuple, tuple(in));
    }

    private static PgMessage.Delete delete(ByteBuffer in) {
        int relationId = in.getInt();
        OldTupleKind oldKind = oldKind(in.get());
        return new PgMessage.Delete(relationId, oldKind, tuple(in));
    }

    private static OldTupleKind oldKind(byte marker) {
        return switch (marker) {
            case 'K' -> OldTupleKind.KEY;
            case 'O' -> OldTupleKind.FULL;
            default -> throw new PgOutputException("expected tuple marker 'K' or 'O' but got " + describe(marker));
        };
    }

    private static PgMessage.Truncate truncate(ByteBuffer in) {
        long count = PgWire.unsignedInt(in);
        int options = in.get();
        if (count > in.remaining() / 4) {
            throw new PgOutputException("relation count " + count + " exceeds the message");
        }
        List<Integer> relationIds = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            relationIds.add(in.getInt());
        }
        return new PgMessage.Truncate(relationIds, (options & 1) != 0, (options & 2) != 0);
    }

    private static PgMessage.Message message(ByteBuffer in) {
        boolean transactional = (in.get() & 1) != 0;
        PgLsn lsn = PgWire.lsn(in);
        String prefix = PgWire.cstring(in);
        byte[] content = PgWire.bytes(in, in.getInt());
        return new PgMessage.Message(transactional, lsn, prefix, content);
    }

    /** TupleData: Int16 column count, then per column a kind byte and, for 't'/'b', Int32 length + bytes. */
    static TupleData tuple(ByteBuffer in) {
        int count = PgWire.unsignedShort(in);
        byte[] kinds = new byte[count];
        String[] texts = new String[count];
        byte[][] binaries = null;
        for (int i = 0; i < count; i++) {
            byte kind = in.get();
            kinds[i] = kind;
            switch (kind) {
                case TupleData.NULL, TupleData.UNCHANGED_TOAST -> { }
                case TupleData.TEXT -> texts[i] = PgWire.utf8(in, in.getInt());
                case TupleData.BINARY -> {
                    binaries = binaries == null ? new byte[count][] : binaries;
                    binaries[i] = PgWire.bytes(in, in.getInt());
                }
                default -> throw new PgOutputException("unknown column kind " + describe(kind) + " in column " + i);
            }
        }
        return new TupleData(kinds, texts, binaries);
    }

    private static void expect(ByteBuffer in, char marker) {
        byte actual = in.get();
        if (actual != marker) {
            throw new PgOutputException("expected tuple marker '" + marker + "' but got " + describe(actual));
        }
    }

    private static PgOutputException unsupported(char type) {
        String why = switch (type) {
            case 'S', 'E', 'c', 'A', 'p' -> "is a streamed-transaction message (slot option streaming);"
                    + " Capstan starts the slot with proto_version '1' and streaming off";
            case 'b', 'P', 'K', 'r' -> "is a two-phase-commit message (slot option two_phase);"
                    + " Capstan does not enable two_phase on its slots";
            default -> "is not a pgoutput message type this decoder knows (protocol version 1)";
        };
        return new PgOutputException("pgoutput message type " + describe((byte) type) + " " + why);
    }

    private static String describe(byte b) {
        int value = b & 0xFF;
        return value >= 0x20 && value < 0x7F
                ? "'" + (char) value + "'"
                : String.format("0x%02X", value);
    }
}
