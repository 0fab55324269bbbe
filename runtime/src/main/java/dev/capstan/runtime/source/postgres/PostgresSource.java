package dev.capstan.runtime.source.postgres;

import dev.capstan.runtime.config.PipelineConfig;
import dev.capstan.runtime.config.TableConfig;
import dev.capstan.runtime.engine.AckTracker;
import dev.capstan.runtime.engine.ChangePublisher;
import dev.capstan.runtime.engine.Sessions;
import dev.capstan.runtime.engine.Source;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.offsets.OffsetStore;
import dev.capstan.runtime.snapshot.ChunkReader;
import dev.capstan.runtime.snapshot.SnapshotCoordinator;
import dev.capstan.runtime.status.SourceState;
import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.PostgresConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The PostgreSQL source: checks prerequisites, creates the publication and slot when absent, then
 * streams through {@link PgStreamReader}, reconnecting with backoff after connection loss (a restart
 * of PostgreSQL, a network cut). Each new session resumes from the slot's confirmed position.
 *
 * <p>Used by one thread.
 */
public final class PostgresSource implements Source {

    private final PipelineConfig config;
    private final PgConnections connections;
    private final ChangePublisher publisher;
    private final AckTracker<PgLsn> tracker;
    private final SourceState state;
    private final PgSlotStatusPoller poller;
    private Map<TableId, List<String>> keys;

    public PostgresSource(PipelineConfig config, ChangePublisher publisher, AckTracker<PgLsn> tracker,
                          SourceState state) {
        this.config = config;
        this.connections = new PgConnections(config.postgres());
        this.publisher = publisher;
        this.tracker = tracker;
        this.state = state;
        this.poller = new PgSlotStatusPoller(config.postgres(), state);
    }

    @Override
    public void check() throws Exception {
        try (Connection connection = open()) {
            keys = new PgPrerequisites(connection, config.postgres()).check(config.tables());
        }
    }

    /** Creates the publication and slot when absent (the slot is this source's offset home), starts the slot poller. */
    @Override
    public void prepare(OffsetStore offsets) throws Exception {
        try (Connection connection = open()) {
            PgSlotSetup setup = new PgSlotSetup(connection, config.postgres());
            setup.ensurePublication(config.tables().stream().map(TableConfig::id).toList());
            setup.ensureSlot(15_000);
        }
        poller.start();
    }

    @Override
    public void close() {
        poller.close();
        publisher.close();
    }

    @Override
    public ChunkReader.Factory chunkReaders() {
        return () -> new PgChunkReader(connections, config, keys);
    }

    @Override
    public void stream(SnapshotCoordinator snapshots, BooleanSupplier running, long drainMillis) throws Exception {
        PgStreamReader reader = new PgStreamReader(connections, config, keys, publisher, tracker, state, snapshots);
        Sessions.run(() -> reader.run(running, drainMillis), running, state, e -> false);
    }

    /** Opens a connection, turning refusals the user must fix into messages that name the field. */
    private Connection open() throws SQLException {
        PostgresConfig pg = config.postgres();
        try {
            return connections.open();
        } catch (SQLException e) {
            String sqlState = String.valueOf(e.getSQLState());
            if (sqlState.startsWith("28")) {
                throw new ConfigException("spec.source.postgres.credentialsSecretRef: PostgreSQL at " + pg.host() + ":"
                        + pg.port() + " refused the login of user '" + pg.user() + "' (" + e.getMessage()
                        + "); fix the username/password in the Secret or the server's pg_hba.conf", e);
            }
            if (sqlState.equals("3D000")) {
                throw new ConfigException("spec.source.postgres.database: database '" + pg.database()
                        + "' does not exist on " + pg.host() + ":" + pg.port(), e);
            }
            if (sqlState.startsWith("08")) {
                throw new SQLException("cannot connect to PostgreSQL at " + pg.host() + ":" + pg.port()
                        + " (check spec.source.postgres.host and port, and that the server is up): "
                        + e.getMessage(), sqlState, e);
            }
            throw e;
        }
    }

}
