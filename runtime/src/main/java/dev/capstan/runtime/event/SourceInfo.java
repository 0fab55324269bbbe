package dev.capstan.runtime.event;

import java.util.Map;

/**
 * The {@code source} block of a change event: where a change came from.
 *
 * @param connector {@code postgresql} or {@code mysql}
 * @param name      the logical server name (the topic prefix)
 * @param db        the database
 * @param table     the table the change belongs to
 * @param tsMs      when the change was committed in the source, epoch milliseconds
 * @param snapshot  {@code "false"}, {@code "true"}, or {@code "last"} for the final snapshot row
 * @param position  connector-specific position fields in the order they are written
 *                  (PostgreSQL: txId, lsn; MySQL: file, pos, gtid, server_id, row)
 */
public record SourceInfo(String connector, String name, String db, TableId table, long tsMs,
                         String snapshot, Map<String, Object> position) {
}
