package dev.capstan.runtime.source.postgres;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One decoded pgoutput message (PostgreSQL "Logical Replication Message Formats", protocol
 * version 1 layouts). Relation and Type ids are unsigned 32-bit OIDs held in an {@code int}
 * (use {@link Integer#toUnsignedLong} to print them); transaction ids are widened to an
 * unsigned {@code long}. A namespace sent as the empty string (pg_catalog) is reported as
 * {@code "pg_catalog"}, as PostgreSQL's own subscriber does.
 *
 * <p>All implementations are immutable records and thread-safe.
 */
public sealed interface PgMessage {

    /** {@code 'B'}: a transaction starts; its row changes follow, then a {@link Commit}. */
    record Begin(PgLsn finalLsn, Instant commitTime, long xid) implements PgMessage {
    }

    /** {@code 'C'}: the transaction committed; {@code endLsn} is the position to acknowledge. */
    record Commit(int flags, PgLsn commitLsn, PgLsn endLsn, Instant commitTime) implements PgMessage {
    }

    /** {@code 'O'}: the transaction came from another node through replication origin {@code name}. */
    record Origin(PgLsn lsn, String name) implements PgMessage {
    }

    /**
     * {@code 'R'}: the layout of a table; sent before its first change in a session and again
     * after the table changed. Row tuples list values in the order of {@link #columns()}.
     *
     * @param replicaIdentity {@code 'd'} default (primary key), {@code 'n'} nothing,
     *                        {@code 'f'} full, {@code 'i'} index
     */
    record Relation(int relationId, String namespace, String name, char replicaIdentity,
                    List<Column> columns) implements PgMessage {

        public Relation {
            columns = List.copyOf(columns);
        }

        /** Names of the replica identity columns, in column order. */
        public List<String> keyColumnNames() {
            return columns.stream().filter(Column::key).map(Column::name).toList();
        }
    }

    /**
     * One column of a {@link Relation}.
     *
     * @param key          whether the column is part of the replica identity (flag bit 1)
     * @param typeOid      {@code pg_type} OID of the column's type
     * @param typeModifier {@code atttypmod}, -1 when the type has none
     */
    record Column(boolean key, String name, int typeOid, int typeModifier) {
    }

    /**
     * {@code 'Y'}: names a non-built-in type used by a following Relation. For a domain the name
     * is that of its base type (so a domain over {@code int4} arrives as pg_catalog.int4).
     */
    record Type(int typeOid, String namespace, String name) implements PgMessage {
    }

    /** {@code 'I'}: a row was inserted. */
    record Insert(int relationId, TupleData newTuple) implements PgMessage {
    }

    /**
     * {@code 'U'}: a row was updated. {@code oldTuple} is {@link TupleData#EMPTY} when
     * {@code oldKind} is {@link OldTupleKind#NONE}.
     */
    record Update(int relationId, OldTupleKind oldKind, TupleData oldTuple, TupleData newTuple)
            implements PgMessage {
    }

    /** {@code 'D'}: a row was deleted; {@code oldKind} is {@link OldTupleKind#KEY} or {@link OldTupleKind#FULL}. */
    record Delete(int relationId, OldTupleKind oldKind, TupleData oldTuple) implements PgMessage {
    }

    /** {@code 'T'}: one TRUNCATE statement over one or more tables. */
    record Truncate(List<Integer> relationIds, boolean cascade, boolean restartIdentity) implements PgMessage {

        public Truncate {
            relationIds = List.copyOf(relationIds);
        }
    }

    /**
     * {@code 'M'}: a message from {@code pg_logical_emit_message} (only with the
     * {@code messages} option). A non-transactional message arrives outside Begin/Commit.
     */
    record Message(boolean transactional, PgLsn lsn, String prefix, byte[] content) implements PgMessage {

        public Message {
            content = content.clone();
        }

        /** A copy of the content bytes. */
        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Message m && m.transactional == transactional && m.lsn.equals(lsn)
                    && m.prefix.equals(prefix) && Arrays.equals(m.content, content);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * lsn.hashCode() + prefix.hashCode()) + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "Message[transactional=" + transactional + ", lsn=" + lsn + ", prefix=" + prefix
                    + ", content=" + content.length + " bytes]";
        }
    }
}
