package dev.capstan.runtime.source.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Reads the replication slot's state from {@code pg_replication_slots}: whether it is active, its
 * WAL status, how much WAL it holds back, and its confirmed flush position.
 *
 * <p>Blocking; not thread-safe (uses the caller's connection).
 */
public final class PgSlotMonitor {

    /** The slot as PostgreSQL sees it. {@code retainedWalBytes} is WAL kept on disk for this slot. */
    public record SlotState(String name, boolean active, String walStatus, long retainedWalBytes,
                            PgLsn confirmedFlushLsn) {
    }

    private final Connection connection;

    public PgSlotMonitor(Connection connection) {
        this.connection = connection;
    }

    /** The slot's state, or empty when it does not exist. */
    public Optional<SlotState> read(String slotName) throws SQLException {
        String sql = "SELECT active, wal_status, "
                + "COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint, "
                + "confirmed_flush_lsn::text "
                + "FROM pg_replication_slots WHERE slot_name = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, slotName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String confirmed = rs.getString(4);
                return Optional.of(new SlotState(slotName, rs.getBoolean(1), rs.getString(2), rs.getLong(3),
                        confirmed == null ? PgLsn.INVALID : PgLsn.parse(confirmed)));
            }
        }
    }
}
