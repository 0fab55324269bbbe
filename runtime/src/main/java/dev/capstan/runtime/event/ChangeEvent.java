package dev.capstan.runtime.event;

import java.util.Map;

/**
 * One row change, already filtered (excluded columns removed, masks applied).
 * Column maps keep column order. A {@code null} transaction means a snapshot read.
 *
 * @param table       the table
 * @param op          what happened
 * @param key         primary key (or {@code keyColumns}) values; never null
 * @param before      the row before the change, null for inserts and reads
 * @param after       the row after the change, null for deletes
 * @param source      where it came from
 * @param tsMs        when Capstan processed the event, epoch milliseconds
 * @param transaction the transaction it belongs to, or null
 */
public record ChangeEvent(TableId table, Operation op, Map<String, Object> key,
                          Map<String, Object> before, Map<String, Object> after,
                          SourceInfo source, long tsMs, TransactionRef transaction) {
}
