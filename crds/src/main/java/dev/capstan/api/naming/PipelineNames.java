package dev.capstan.api.naming;

import java.util.Locale;

/**
 * Every name derived from a pipeline, in one place, so the operator and the runtime agree:
 * replication slot, publication, topics, and the Kubernetes objects of the runtime.
 *
 * <p>Stateless and thread-safe.
 */
public final class PipelineNames {

    /** Name length limit of PostgreSQL identifiers (NAMEDATALEN - 1). */
    static final int MAX_PG_NAME = 63;

    private PipelineNames() {
    }

    /** Default replication slot: {@code capstan_<namespace>_<name>}, lower case, {@code [a-z0-9_]} only. */
    public static String defaultSlotName(String namespace, String pipeline) {
        return pgIdentifier("capstan_" + namespace + "_" + pipeline);
    }

    /** Default publication: the same as the slot name. */
    public static String defaultPublicationName(String namespace, String pipeline) {
        return defaultSlotName(namespace, pipeline);
    }

    /** Topic of one table: {@code <prefix>.<schema>.<table>}. */
    public static String tableTopic(String prefix, String schema, String table) {
        return prefix + "." + schema + "." + table;
    }

    /** Transaction BEGIN/END markers: {@code <prefix>.transaction}. */
    public static String transactionTopic(String prefix) {
        return prefix + ".transaction";
    }

    /** The runtime's one home for offsets: {@code <prefix>.capstan-offsets} (compacted). */
    public static String offsetsTopic(String prefix) {
        return prefix + ".capstan-offsets";
    }

    /** Schema change notifications: {@code <prefix>.schema-changes}. */
    public static String schemaChangesTopic(String prefix) {
        return prefix + ".schema-changes";
    }

    /** Lower-cases and replaces every character outside {@code [a-z0-9_]}, cut to 63 characters. */
    static String pgIdentifier(String raw) {
        String cleaned = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return cleaned.length() <= MAX_PG_NAME ? cleaned : cleaned.substring(0, MAX_PG_NAME);
    }
}
