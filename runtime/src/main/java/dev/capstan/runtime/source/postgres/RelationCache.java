package dev.capstan.runtime.source.postgres;

import dev.capstan.runtime.event.ColumnType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Relation and Type messages seen on one replication connection, and the per-column
 * {@link PgValueConverter}s derived from them. pgoutput sends a Relation before the first row
 * change of a table in each session (and again after the table changed), and Type messages
 * for non-built-in column types just before the Relation that uses them; so start a new cache
 * (or {@link #clear()}) whenever the replication stream is restarted.
 *
 * <p>Not thread-safe: confine it to the thread that reads the replication stream.
 */
public final class RelationCache {

    private final Map<Integer, Entry> relations = new HashMap<>();
    private final Map<Integer, PgMessage.Type> types = new HashMap<>();

    private record Entry(PgMessage.Relation relation, List<PgValueConverter> converters, List<ColumnType> types) {
    }

    /**
     * Remembers {@code message} if it is a Relation or a Type.
     *
     * @return whether it was one (the caller then has nothing else to do with it)
     */
    public boolean remember(PgMessage message) {
        if (message instanceof PgMessage.Relation relation) {
            put(relation);
            return true;
        }
        if (message instanceof PgMessage.Type type) {
            types.put(type.typeOid(), type);
            return true;
        }
        return false;
    }

    /** Stores or replaces a relation and resolves its column converters. */
    public void put(PgMessage.Relation relation) {
        List<PgValueConverter> converters = relation.columns().stream()
                .map(column -> converter(column.typeOid(), column.typeModifier()))
                .toList();
        List<ColumnType> columnTypes = relation.columns().stream()
                .map(column -> columnType(column.typeOid(), column.typeModifier()))
                .toList();
        relations.put(relation.relationId(), new Entry(relation, converters, columnTypes));
    }

    /**
     * The relation with this id.
     *
     * @throws PgOutputException if no Relation message with this id was seen on this connection
     */
    public PgMessage.Relation relation(int relationId) {
        return entry(relationId).relation();
    }

    /** The converters of the relation's columns, in column order (same errors as {@link #relation}). */
    public List<PgValueConverter> converters(int relationId) {
        return entry(relationId).converters();
    }

    /** The types of the relation's columns, in column order (same errors as {@link #relation}). */
    public List<ColumnType> types(int relationId) {
        return entry(relationId).types();
    }

    /** A Type message seen for this OID. */
    public Optional<PgMessage.Type> type(int typeOid) {
        return Optional.ofNullable(types.get(typeOid));
    }

    /**
     * The converter for a column type. Built-in types map directly; a type named by a Type
     * message is resolved by name when it is a pg_catalog type (a domain over a built-in type)
     * or an array of one ({@code _int4}); anything else (enums, extension types) stays text.
     */
    public PgValueConverter converter(int typeOid, int typeModifier) {
        return resolve(typeOid, typeModifier, PgValueConverter::forType, PgTypes.AS_TEXT, PgArrayConverter::new);
    }

    /** The source-neutral type of a column, resolved as {@link #converter} resolves its converter. */
    public ColumnType columnType(int typeOid, int typeModifier) {
        return resolve(typeOid, typeModifier, PgTypes::columnType, ColumnType.STRING, ColumnType::array);
    }

    /**
     * Resolves a column type into what {@code builtin} makes of a built-in type: directly, or through the
     * name a Type message gave it (a pg_catalog domain, or {@code arrayOf} an array of one); {@code text}
     * for anything else.
     */
    private <T> T resolve(int typeOid, int typeModifier, BuiltinMapping<T> builtin, T text,
                          java.util.function.UnaryOperator<T> arrayOf) {
        PgMessage.Type type = types.get(typeOid);
        if (type == null || !"pg_catalog".equals(type.namespace())) {
            return builtin.of(typeOid, typeModifier);
        }
        String name = type.name();
        boolean array = name.startsWith("_");
        int oid = PgTypes.builtinByName(array ? name.substring(1) : name);
        if (oid == 0) {
            return text;
        }
        T element = builtin.of(oid, typeModifier);
        return array ? arrayOf.apply(element) : element;
    }

    /** What a built-in type (its oid and modifier) maps to. */
    @FunctionalInterface
    private interface BuiltinMapping<T> {
        T of(int oid, int typeModifier);
    }

    /** Forgets everything, for a new replication session. */
    public void clear() {
        relations.clear();
        types.clear();
    }

    private Entry entry(int relationId) {
        Entry entry = relations.get(relationId);
        if (entry == null) {
            throw new PgOutputException("row change for relation " + Integer.toUnsignedLong(relationId)
                    + " before its Relation message; pgoutput always sends one first in a session,"
                    + " so the cache was cleared or shared between connections");
        }
        return entry;
    }
}
