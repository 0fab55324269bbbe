package dev.capstan.operator.pipeline;

import dev.capstan.api.v1alpha1.status.ReplicationSlotStatus;

/**
 * What the last full check found on the source database, kept for status derivation until the next one: for
 * PostgreSQL the replication slot, for MySQL/MariaDB the server's binlog retention (there is no slot). Exactly one of
 * {@code slot} and {@code binlog} is set.
 *
 * @param summary the message of condition SourceConnected=True
 */
record SourceState(String summary, ReplicationSlotStatus slot, BinlogRetention binlog) {

    static SourceState postgres(ReplicationSlotStatus slot, String summary) {
        return new SourceState(summary, slot, null);
    }

    static SourceState mysql(BinlogRetention binlog, String summary) {
        return new SourceState(summary, null, binlog);
    }

    /** Whether the source is PostgreSQL, with a replication slot. */
    boolean hasSlot() {
        return slot != null;
    }
}
