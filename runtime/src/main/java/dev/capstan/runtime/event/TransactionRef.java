package dev.capstan.runtime.event;

/**
 * The {@code transaction} block of a change event, as Debezium writes it.
 *
 * @param id                  transaction id, PostgreSQL: {@code "<xid>:<commit lsn>"}
 * @param totalOrder          position of the event among all events of the transaction, from 1
 * @param dataCollectionOrder position among the events of the same table in the transaction, from 1
 */
public record TransactionRef(String id, long totalOrder, long dataCollectionOrder) {
}
