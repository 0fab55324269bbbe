package dev.capstan.runtime.source.postgres;

import dev.capstan.api.v1alpha1.status.ReplicationSlotStatus;
import dev.capstan.runtime.config.PostgresConfig;
import dev.capstan.runtime.status.SourceState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every few seconds reads the replication slot from {@code pg_replication_slots} on its own
 * connection and publishes it to {@link SourceState}, for status, metrics and alerts.
 *
 * <p>Runs on one daemon thread; thread-safe to start and close.
 */
public final class PgSlotStatusPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PgSlotStatusPoller.class);
    private static final long INTERVAL_SECONDS = 5;
    private final PgConnections connections;
    private final SourceState state;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "capstan-slot-status");
        t.setDaemon(true);
        return t;
    });
    private Connection connection;

    public PgSlotStatusPoller(PostgresConfig config, SourceState state) {
        this.connections = new PgConnections(config);
        this.state = state;
    }

    /** Starts polling now and then every 5 seconds. */
    public void start() {
        executor.scheduleWithFixedDelay(this::poll, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    /** Reads the slot once (also used by tests and the demo). */
    void poll() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = connections.open();
            }
            new PgSlotMonitor(connection).read(connections.config().slotName()).ifPresent(slot -> {
                ReplicationSlotStatus status = new ReplicationSlotStatus();
                status.setName(slot.name());
                status.setActive(slot.active());
                status.setWalStatus(slot.walStatus());
                status.setRetainedWalBytes(slot.retainedWalBytes());
                status.setConfirmedFlushLsn(slot.confirmedFlushLsn().format());
                state.slot(status);
            });
        } catch (SQLException e) {
            LOG.debug("Cannot read the replication slot state: {}", e.getMessage());
            closeConnection();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        closeConnection();
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.debug("Closing the slot status connection failed", e);
        }
        connection = null;
    }
}
