package dev.capstan.runtime.event;

/**
 * One row change, already filtered (excluded columns removed, masks applied).
 * Rows keep column order. A {@code null} transaction means a snapshot read.
 *
 * @param table       the table
 * @param op          what happened
 * @param key         primary key (or {@code keyColumns}) values; null only for a truncate
 * @param before      the row before the change, null for inserts and reads
 * @param after       the row after the change, null for deletes
 * @param source      where it came from
 * @param tsMs        when Capstan processed the event, epoch milliseconds
 * @param transaction the transaction it belongs to, or null
 */
public record ChangeEvent(TableId table, Operation op, Row key, Row before, Row after,
                          SourceInfo source, long tsMs, TransactionRef transaction) {
}
