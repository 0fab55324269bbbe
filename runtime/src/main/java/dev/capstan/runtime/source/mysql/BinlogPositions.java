package dev.capstan.runtime.source.mysql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.shyiko.mysql.binlog.event.MySqlGtid;
import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.SnapshotConfig;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.offsets.OffsetStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the binlog stream resumes, kept in the pipeline's one offset home ({@link OffsetStore}, key
 * {@value #KEY}): loaded at start (or taken from the server on the very first start), advanced only to
 * positions whose events Kafka acknowledged, and reset to the server's current position when the server
 * purged the binlog that held it — then every table is snapshotted again (a re-snapshot request stored
 * under {@value #RECOVERIES}, so a restart during the recovery finishes it).
 *
 * <p>Not thread-safe: the stream thread, after {@link #load} on the starting thread.
 */
final class BinlogPositions {

    static final String KEY = "binlog/position";
    static final String RECOVERIES = "binlog/recoveries";
    private static final Logger LOG = LoggerFactory.getLogger(BinlogPositions.class);
    private final OffsetStore offsets;
    private final MySqlConnections connections;
    private final boolean mariaDb;
    private BinlogOffset stored;
    private String recoveryNote = "";

    BinlogPositions(OffsetStore offsets, MySqlConnections connections, boolean mariaDb) {
        this.offsets = offsets;
        this.connections = connections;
        this.mariaDb = mariaDb;
    }

    /** Loads the stored position, or stores the server's current one on the first start. */
    void load() throws SQLException {
        JsonNode json = offsets.get(KEY).orElse(null);
        if (json != null) {
            try {
                stored = BinlogOffset.fromJson(json);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("the stored binlog position in the offsets topic is unreadable (" + e.getMessage()
                        + "); delete key " + KEY + " from the offsets topic to start from the current position", e);
            }
            LOG.info("Resuming the binlog after {}", stored);
            return;
        }
        stored = current();
        offsets.put(KEY, stored.toJson());
        LOG.info("First start: streaming the binlog from the server's current position {}", stored);
    }

    BinlogOffset stored() {
        return stored;
    }

    /** Stores {@code position} (acknowledged by Kafka); false when it is the stored one already. */
    boolean store(BinlogOffset position) {
        if (position.equals(stored)) {
            return false;
        }
        stored = position;
        offsets.put(KEY, position.toJson());
        return true;
    }

    /** A session resuming at {@code start}: by GTID when the server uses them, else by file and position. */
    BinlogSession open(BinlogOffset start) {
        String gtids = start.gtidText().filter(g -> !g.isEmpty()).orElse(null);
        return new BinlogSession(connections.config(), BinlogDeserializers.create(), gtids,
                start.filePosition().file(), start.filePosition().position());
    }

    /** The position after a transaction that ended at {@code file}:{@code next} with {@code gtid} (or none). */
    BinlogOffset after(BinlogOffset before, String file, long next, Object gtid) {
        BinlogFilePosition at = new BinlogFilePosition(file, next);
        if (gtid instanceof MariaDbGtid g) {
            return BinlogOffset.mariaDb(at, before.mariaDbGtids().orElse(MariaDbGtidPosition.EMPTY).with(g),
                    before.serverId());
        }
        if (gtid instanceof MySqlGtid g) {
            return BinlogOffset.mySql(at, before.mySqlGtids().orElse(MySqlGtidSet.EMPTY)
                    .add(g.getServerId().toString(), g.getTransactionId()), before.serverId());
        }
        if (before.mariaDbGtids().isPresent()) {
            return BinlogOffset.mariaDb(at, before.mariaDbGtids().get(), before.serverId());
        }
        if (before.mySqlGtids().isPresent()) {
            return BinlogOffset.mySql(at, before.mySqlGtids().get(), before.serverId());
        }
        return BinlogOffset.of(at, before.serverId());
    }

    /**
     * The server no longer has the binlog at the stored position: moves to the server's current position and
     * plans a re-snapshot of {@code tables} (changes in between are lost from the stream, so the tables are
     * read again).
     */
    SnapshotConfig.Request recoverFromPurge(List<TableId> tables) throws SQLException {
        BinlogOffset lost = stored;
        stored = current();
        offsets.put(KEY, stored.toJson());
        String id = "binlog-purged-" + Instant.now().getEpochSecond();
        ArrayNode recoveries = recoveries();
        ObjectNode entry = recoveries.addObject();
        entry.put("id", id);
        entry.put("lost", lost.toString());
        ArrayNode names = entry.putArray("tables");
        tables.forEach(t -> names.add(t.toString()));
        offsets.put(RECOVERIES, recoveries);
        recoveryNote = "the server purged the binlog at the stored position " + lost + "; changes since then "
                + "are recovered by re-snapshot " + id + " of " + tables.size() + " table(s); rows deleted in between get no "
                + "delete event";
        return new SnapshotConfig.Request(id, List.copyOf(tables));
    }

    /** The recovery re-snapshots stored earlier (the coordinator skips finished ones). */
    List<SnapshotConfig.Request> storedRecoveries() {
        List<SnapshotConfig.Request> requests = new ArrayList<>();
        for (JsonNode entry : recoveries()) {
            List<TableId> tables = new ArrayList<>();
            entry.path("tables").forEach(t -> tables.add(TableId.parse(t.asText())));
            requests.add(new SnapshotConfig.Request(entry.path("id").asText(), tables));
        }
        return requests;
    }

    /** What the status says while a recovery runs, or empty. */
    String recoveryNote() {
        return recoveryNote;
    }

    private ArrayNode recoveries() {
        JsonNode json = offsets.get(RECOVERIES).orElse(null);
        return json instanceof ArrayNode array ? array.deepCopy() : OffsetStore.json().createArrayNode();
    }

    /** The server's current binlog position (and GTID position or executed set). */
    BinlogOffset current() throws SQLException {
        try (Connection c = connections.open(); Statement st = c.createStatement()) {
            long serverId = Long.parseLong(text(st, "SELECT @@server_id"));
            String gtids = mariaDb ? text(st, "SELECT @@gtid_binlog_pos") : mySqlGtids(st);
            BinlogFilePosition file = filePosition(st);
            if (mariaDb) {
                return BinlogOffset.mariaDb(file, MariaDbGtidPosition.parse(gtids), serverId);
            }
            return gtids == null ? BinlogOffset.of(file, serverId)
                    : BinlogOffset.mySql(file, MySqlGtidSet.parse(gtids), serverId);
        }
    }

    private static String mySqlGtids(Statement st) throws SQLException {
        String mode = text(st, "SELECT @@gtid_mode");
        return "ON".equalsIgnoreCase(mode) ? text(st, "SELECT @@global.gtid_executed") : null;
    }

    /** SHOW MASTER STATUS (SHOW BINARY LOG STATUS on MySQL 8.2 and later). */
    private static BinlogFilePosition filePosition(Statement st) throws SQLException {
        ResultSet rs;
        try {
            rs = st.executeQuery("SHOW MASTER STATUS");
        } catch (SQLException e) {
            rs = st.executeQuery("SHOW BINARY LOG STATUS");
        }
        try (ResultSet status = rs) {
            if (!status.next()) {
                throw new ConfigException("spec.source.mysql: the server reports no binlog position (SHOW MASTER "
                        + "STATUS is empty); start it with log_bin and grant the user REPLICATION CLIENT");
            }
            return new BinlogFilePosition(status.getString(1), status.getLong(2));
        }
    }

    private static String text(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
