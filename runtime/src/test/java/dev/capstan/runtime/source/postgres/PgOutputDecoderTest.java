package dev.capstan.runtime.source.postgres;

import static dev.capstan.runtime.source.postgres.PgOutputWriter.TOAST;
import static dev.capstan.runtime.source.postgres.PgOutputWriter.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgOutputDecoderTest {

    /** 2026-11-21T10:15:30.123456Z in microseconds since 2000-01-01 (computed independently). */
    private static final long COMMIT_MICROS = 848_571_330_123_456L;
    private static final Instant COMMIT_TIME = Instant.parse("2026-11-21T10:15:30.123456Z");

    private final PgOutputDecoder decoder = new PgOutputDecoder();

    @Test
    void beginFromLiteralBytes() {
        byte[] bytes = {
            'B',
            0x00, 0x00, 0x00, 0x16, (byte) 0xB3, 0x74, (byte) 0xD8, 0x48,           // final LSN 16/B374D848
            0x00, 0x03, 0x03, (byte) 0xC5, 0x68, (byte) 0xB2, (byte) 0xD6, (byte) 0xC0, // commit time
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0                     // xid 4294967280
        };
        PgMessage.Begin begin = (PgMessage.Begin) decoder.decode(ByteBuffer.wrap(bytes));
        assertThat(begin.finalLsn()).isEqualTo(PgLsn.parse("16/B374D848"));
        assertThat(begin.commitTime()).isEqualTo(COMMIT_TIME);
        assertThat(begin.xid()).isEqualTo(4_294_967_280L);
    }

    @Test
    void begin() {
        PgMessage message = decoder.decode(message('B').int64(0x16B374D848L).int64(COMMIT_MICROS).int32(731_992).buffer());
        assertThat(message).isEqualTo(new PgMessage.Begin(PgLsn.of(0x16B374D848L), COMMIT_TIME, 731_992L));
    }

    @Test
    void beginBeforeThePostgresEpoch() {
        PgMessage.Begin begin = (PgMessage.Begin) decoder.decode(message('B').int64(1).int64(-500_000).int32(1).buffer());
        assertThat(begin.commitTime()).isEqualTo(Instant.parse("1999-12-31T23:59:59.500Z"));
    }

    @Test
    void commit() {
        PgMessage message = decoder.decode(message('C').int8(0).int64(0x16B374D848L).int64(0x16B374D900L)
                .int64(COMMIT_MICROS).buffer());
        assertThat(message).isEqualTo(new PgMessage.Commit(0, PgLsn.parse("16/B374D848"),
                PgLsn.parse("16/B374D900"), COMMIT_TIME));
    }

    @Test
    void origin() {
        PgMessage message = decoder.decode(message('O').int64(0x2A).string("pg_16389").buffer());
        assertThat(message).isEqualTo(new PgMessage.Origin(PgLsn.of(0x2A), "pg_16389"));
    }

    @Test
    void relation() {
        PgMessage message = decoder.decode(message('R').int32(16_390).string("public").string("bookings")
                .int8('d').int16(3)
                .column(true, "booking_id", PgTypes.INT8, -1)
                .column(false, "amount", PgTypes.NUMERIC, (10 << 16 | 2) + 4)
                .column(false, "gäst", PgTypes.VARCHAR, 64 + 4)
                .buffer());
        assertThat(message).isEqualTo(new PgMessage.Relation(16_390, "public", "bookings", 'd', List.of(
                new PgMessage.Column(true, "booking_id", 20, -1),
                new PgMessage.Column(false, "amount", 1700, 655_366),
                new PgMessage.Column(false, "gäst", 1043, 68))));
        assertThat(((PgMessage.Relation) message).keyColumnNames()).containsExactly("booking_id");
    }

    @Test
    void relationWithEmptyNamespaceIsPgCatalogAndFullIdentity() {
        PgMessage.Relation relation = (PgMessage.Relation) decoder.decode(message('R').int32(1).string("")
                .string("t").int8('f').int16(0).buffer());
        assertThat(relation.namespace()).isEqualTo("pg_catalog");
        assertThat(relation.replicaIdentity()).isEqualTo('f');
        assertThat(relation.columns()).isEmpty();
    }

    @Test
    void relationIdAboveSignedRange() {
        PgMessage.Relation relation = (PgMessage.Relation) decoder.decode(message('R').int32(0xFFFFFFFE)
                .string("s").string("t").int8('n').int16(0).buffer());
        assertThat(Integer.toUnsignedLong(relation.relationId())).isEqualTo(4_294_967_294L);
    }

    @Test
    void type() {
        PgMessage message = decoder.decode(message('Y').int32(16_401).string("public").string("mood").buffer());
        assertThat(message).isEqualTo(new PgMessage.Type(16_401, "public", "mood"));
    }

    @Test
    void typeOfDomainOverBuiltinNamesBaseTypeInPgCatalog() {
        PgMessage message = decoder.decode(message('Y').int32(16_500).string("").string("int4").buffer());
        assertThat(message).isEqualTo(new PgMessage.Type(16_500, "pg_catalog", "int4"));
    }

    @Test
    void insertWithTextNullEmptyAndUnicodeValues() {
        PgMessage.Insert insert = (PgMessage.Insert) decoder.decode(message('I').int32(16_390).int8('N')
                .tuple("42", null, "", "Zürich 🚢").buffer());
        assertThat(insert.relationId()).isEqualTo(16_390);
        TupleData row = insert.newTuple();
        assertThat(row.size()).isEqualTo(4);
        assertThat(row.kind(0)).isEqualTo(TupleData.Kind.TEXT);
        assertThat(row.text(0)).isEqualTo("42");
        assertThat(row.isNull(1)).isTrue();
        assertThat(row.text(1)).isNull();
        assertThat(row.text(2)).isEmpty();
        assertThat(row.kind(2)).isEqualTo(TupleData.Kind.TEXT);
        assertThat(row.text(3)).isEqualTo("Zürich 🚢");
    }

    @Test
    void insertFromLiteralBytes() {
        byte[] bytes = {'I', 0, 0, 0x40, 0x06, 'N', 0, 2, 't', 0, 0, 0, 2, '4', '2', 'n'};
        PgMessage.Insert insert = (PgMessage.Insert) decoder.decode(ByteBuffer.wrap(bytes));
        assertThat(insert).isEqualTo(new PgMessage.Insert(16_390, TupleData.ofTexts("42", null)));
    }

    @Test
    void updateWithoutOldTuple() {
        PgMessage.Update update = (PgMessage.Update) decoder.decode(message('U').int32(7).int8('N')
                .tuple("1", "new").buffer());
        assertThat(update.oldKind()).isEqualTo(OldTupleKind.NONE);
        assertThat(update.oldTuple()).isSameAs(TupleData.EMPTY);
        assertThat(update.newTuple()).isEqualTo(TupleData.ofTexts("1", "new"));
    }

    @Test
    void updateWithKeyTupleAndUnchangedToast() {
        PgMessage.Update update = (PgMessage.Update) decoder.decode(message('U').int32(7)
                .int8('K').tuple("1", null, null)
                .int8('N').tuple("2", "x", TOAST)
                .buffer());
        assertThat(update.oldKind()).isEqualTo(OldTupleKind.KEY);
        assertThat(update.oldTuple()).isEqualTo(TupleData.ofTexts("1", null, null));
        assertThat(update.newTuple().text(0)).isEqualTo("2");
        assertThat(update.newTuple().kind(2)).isEqualTo(TupleData.Kind.UNCHANGED_TOAST);
        assertThat(update.newTuple().isUnchangedToast(2)).isTrue();
        assertThat(update.newTuple().isNull(2)).isFalse();
        assertThat(update.newTuple().text(2)).isNull();
    }

    @Test
    void updateWithFullOldTuple() {
        PgMessage.Update update = (PgMessage.Update) decoder.decode(message('U').int32(7)
                .int8('O').tuple("1", "old", TOAST)
                .int8('N').tuple("1", "new", TOAST)
                .buffer());
        assertThat(update.oldKind()).isEqualTo(OldTupleKind.FULL);
        assertThat(update.oldTuple().text(1)).isEqualTo("old");
        assertThat(update.oldTuple().isUnchangedToast(2)).isTrue();
        assertThat(update.newTuple().text(1)).isEqualTo("new");
    }

    @Test
    void deleteWithKeyTuple() {
        PgMessage message = decoder.decode(message('D').int32(7).int8('K').tuple("1", null).buffer());
        assertThat(message).isEqualTo(new PgMessage.Delete(7, OldTupleKind.KEY, TupleData.ofTexts("1", null)));
    }

    @Test
    void deleteWithFullOldTuple() {
        PgMessage message = decoder.decode(message('D').int32(7).int8('O').tuple("1", "gone").buffer());
        assertThat(message).isEqualTo(new PgMessage.Delete(7, OldTupleKind.FULL, TupleData.ofTexts("1", "gone")));
    }

    @Test
    void truncateSeveralRelationsWithCascade() {
        PgMessage message = decoder.decode(message('T').int32(3).int8(1).int32(16_390).int32(16_391).int32(16_392)
                .buffer());
        assertThat(message).isEqualTo(new PgMessage.Truncate(List.of(16_390, 16_391, 16_392), true, false));
    }

    @Test
    void truncateOptionBits() {
        assertThat(decoder.decode(message('T').int32(1).int8(2).int32(5).buffer()))
                .isEqualTo(new PgMessage.Truncate(List.of(5), false, true));
        assertThat(decoder.decode(message('T').int32(1).int8(3).int32(5).buffer()))
                .isEqualTo(new PgMessage.Truncate(List.of(5), true, true));
        assertThat(decoder.decode(message('T').int32(1).int8(0).int32(5).buffer()))
                .isEqualTo(new PgMessage.Truncate(List.of(5), false, false));
    }

    @Test
    void nonTransactionalMessage() {
        byte[] content = {0, 1, (byte) 0xFF, 'x'};
        PgMessage.Message message = (PgMessage.Message) decoder.decode(message('M').int8(0).int64(0x16B374D848L)
                .string("capstan.heartbeat").int32(content.length).bytes(content).buffer());
        assertThat(message.transactional()).isFalse();
        assertThat(message.lsn()).isEqualTo(PgLsn.parse("16/B374D848"));
        assertThat(message.prefix()).isEqualTo("capstan.heartbeat");
        assertThat(message.content()).containsExactly(0, 1, 0xFF, 'x');
        assertThat(message).isEqualTo(new PgMessage.Message(false, PgLsn.of(0x16B374D848L), "capstan.heartbeat",
                content));
    }

    @Test
    void transactionalMessageWithEmptyContent() {
        PgMessage.Message message = (PgMessage.Message) decoder.decode(message('M').int8(1).int64(9).string("p")
                .int32(0).buffer());
        assertThat(message.transactional()).isTrue();
        assertThat(message.content()).isEmpty();
    }

    @Test
    void binaryColumn() {
        PgMessage.Insert insert = (PgMessage.Insert) decoder.decode(message('I').int32(1).int8('N')
                .tuple(new byte[] {0, 0, 0, 42}, "t").buffer());
        assertThat(insert.newTuple().kind(0)).isEqualTo(TupleData.Kind.BINARY);
        assertThat(insert.newTuple().binary(0)).containsExactly(0, 0, 0, 42);
        assertThat(insert.newTuple().text(0)).isNull();
        assertThat(insert.newTuple().binary(1)).isNull();
    }

    @Test
    void readsSlicedAndDirectBuffersLikeHeapBuffers() {
        PgOutputWriter insert = message('I').int32(16_390).int8('N').tuple("Grüße", null, TOAST);
        PgMessage expected = decoder.decode(insert.buffer());
        assertThat(decoder.decode(insert.xlogDataSlice())).isEqualTo(expected);
        assertThat(decoder.decode(insert.directBuffer())).isEqualTo(expected);
        PgOutputWriter relation = message('R').int32(1).string("public").string("t").int8('d').int16(1)
                .column(true, "id", PgTypes.INT4, -1);
        assertThat(decoder.decode(relation.xlogDataSlice())).isEqualTo(decoder.decode(relation.directBuffer()));
    }

    @Test
    void decodeConsumesTheBuffer() {
        ByteBuffer buffer = message('O').int64(1).string("x").buffer();
        decoder.decode(buffer);
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void streamingMessagesFailNamingTheSlotOption() {
        for (char type : new char[] {'S', 'E', 'c', 'A', 'p'}) {
            assertThatThrownBy(() -> decoder.decode(message(type).int32(5).int8(1).buffer()))
                    .isInstanceOf(PgOutputException.class)
                    .hasMessageContaining("'" + type + "'")
                    .hasMessageContaining("streaming");
        }
    }

    @Test
    void twoPhaseMessagesFailNamingTheSlotOption() {
        for (char type : new char[] {'b', 'P', 'K', 'r'}) {
            assertThatThrownBy(() -> decoder.decode(message(type).int64(1).buffer()))
                    .isInstanceOf(PgOutputException.class)
                    .hasMessageContaining("two_phase");
        }
    }

    @Test
    void unknownMessageTypeFails() {
        assertThatThrownBy(() -> decoder.decode(message('Z').buffer()))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("'Z'")
                .hasMessageContaining("not a pgoutput message type");
        assertThatThrownBy(() -> decoder.decode(message((char) 0x01).buffer()))
                .hasMessageContaining("0x01");
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.allocate(0)))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void truncatedMessageFails() {
        byte[] full = message('B').int64(1).int64(2).int32(3).toBytes();
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(full, 0, full.length - 1)))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("truncated pgoutput 'B' message");
        assertThatThrownBy(() -> decoder.decode(message('I').int32(1).int8('N').int16(1).int8('t').int32(10)
                .bytes("abc".getBytes(StandardCharsets.UTF_8)).buffer()))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("length 10");
        assertThatThrownBy(() -> decoder.decode(message('O').int64(1).bytes(new byte[] {'a', 'b'}).buffer()))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("NUL-terminated");
    }

    @Test
    void leftoverBytesFail() {
        // As a streamed change would look: an extra Int32 xid before the relation id.
        assertThatThrownBy(() -> decoder.decode(message('O').int64(1).string("x").int32(99).buffer()))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("4 unexpected bytes");
    }

    @Test
    void badTupleMarkersAndKindsFail() {
        assertThatThrownBy(() -> decoder.decode(message('I').int32(1).int8('K').tuple("1").buffer()))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("expected tuple marker 'N'");
        assertThatThrownBy(() -> decoder.decode(message('U').int32(1).int8('X').tuple("1").buffer()))
                .hasMessageContaining("'K' or 'O'");
        assertThatThrownBy(() -> decoder.decode(message('D').int32(1).int8('N').tuple("1").buffer()))
                .hasMessageContaining("'K' or 'O'");
        assertThatThrownBy(() -> decoder.decode(message('U').int32(1).int8('K').tuple("1").int8('K').tuple("1")
                .buffer()))
                .hasMessageContaining("expected tuple marker 'N'");
        assertThatThrownBy(() -> decoder.decode(message('I').int32(1).int8('N').int16(1).int8('x').buffer()))
                .hasMessageContaining("unknown column kind 'x' in column 0");
    }

    @Test
    void truncateWithImpossibleCountFails() {
        assertThatThrownBy(() -> decoder.decode(message('T').int32(1000).int8(0).int32(1).buffer()))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("relation count 1000");
    }
}
