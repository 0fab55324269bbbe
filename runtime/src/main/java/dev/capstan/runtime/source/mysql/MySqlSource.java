package dev.capstan.runtime.source.mysql;

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
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MySQL/MariaDB source: checks the binlog settings and grants, finds where to resume, then streams the
 * binlog through {@link MySqlStreamReader}, reconnecting with backoff after connection loss; a purged binlog
 * position is recovered by a re-snapshot. Snapshot watermarks are rows of a table the runtime owns
 * ({@value MySqlChunkReader#WATERMARK_TABLE} in the database of the first captured table).
 *
 * <p>Used by one thread.
 */
public final class MySqlSource implements Source {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlSource.class);
    private final PipelineConfig config;
    private final MySqlConnections connections;
    private final ChangePublisher publisher;
    private final AckTracker<BinlogOffset> tracker;
    private final SourceState state;
    private final TableId watermarks;
    private Map<TableId, List<String>> keys;
    private BinlogPositions positions;
    private boolean mariaDb;
    private MySqlCharsets charsets;

    public MySqlSource(PipelineConfig config, ChangePublisher publisher, AckTracker<BinlogOffset> tracker,
                       SourceState state) {
        this.config = config;
        this.connections = new MySqlConnections(config.mysql());
        this.publisher = publisher;
        this.tracker = tracker;
        this.state = state;
        this.watermarks = new TableId(config.tables().get(0).id().schema(), MySqlChunkReader.WATERMARK_TABLE);
    }

    @Override
    public void check() throws Exception {
        try (Connection connection = connections.open()) {
            MySqlPrerequisites prerequisites = new MySqlPrerequisites(connection, config.mysql());
            mariaDb = prerequisites.mariaDb();
            keys = prerequisites.check(config.tables());
            charsets = MySqlCharsets.load(connection);
        }
    }

    @Override
    public void prepare(OffsetStore offsets) throws Exception {
        positions = new BinlogPositions(offsets, connections, mariaDb);
        positions.load();
    }

    @Override
    public ChunkReader.Factory chunkReaders() {
        return () -> new MySqlChunkReader(connections, config, keys, watermarks);
    }

    @Override
    public void stream(SnapshotCoordinator snapshots, BooleanSupplier running, long drainMillis) throws Exception {
        snapshots.addRequests(positions.storedRecoveries());
        MySqlStreamReader reader = new MySqlStreamReader(config, keys, publisher, tracker, state, snapshots,
                positions, watermarks, charsets);
        Sessions.run(() -> reader.run(running, drainMillis), running, state, e -> {
            if (!BinlogSession.binlogGone(e)) {
                return false;
            }
            recover(snapshots, e);
            return true;
        });
    }

    @Override
    public void close() {
        publisher.close();
    }

    private void recover(SnapshotCoordinator snapshots, Exception e) throws Exception {
        List<TableId> tables = config.tables().stream().map(TableConfig::id).toList();
        var request = positions.recoverFromPurge(tables);
        LOG.warn("The server no longer has the binlog at the stored position ({}); {}. Streaming from the server's "
                + "current position {}", e.getMessage(), positions.recoveryNote(), positions.stored());
        state.state("Recovering", positions.recoveryNote());
        snapshots.addRequests(List.of(request));
    }

}
