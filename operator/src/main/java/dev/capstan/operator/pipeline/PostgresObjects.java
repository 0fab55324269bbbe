package dev.capstan.operator.pipeline;

import dev.capstan.api.v1alpha1.source.PostgresSourceSpec;
import dev.capstan.api.v1alpha1.status.ReplicationSlotStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The PostgreSQL objects of a pipeline: its publication (created, or altered when the tables change),
 * its logical replication slot, the slot's health, and dropping both on delete.
 *
 * <p>One connection per call; thread-safe.
 */
final class PostgresObjects {

    private final PostgresSourceSpec spec;
    private final String user;
    private final String password;
    private final String slot;
    private final String publication;

    PostgresObjects(PostgresSourceSpec spec, String user, String password, String slot, String publication) {
        this.spec = spec;
        this.user = user;
        this.password = password;
        this.slot = slot;
        this.publication = publication;
    }

    /** Creates or alters the publication and creates the slot; returns the slot's state. */
    ReplicationSlotStatus ensure(List<String> tables) throws Problem {
        try (Connection c = connect()) {
            ensurePublication(c, tables);
            ensureSlot(c);
            return slotStatus(c);
        } catch (SQLException e) {
            throw problem(e);
        }
    }

    /** Drops the slot (ending a session that still holds it) and the publication. */
    void drop() throws Problem {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(active_pid) FROM "
                    + "pg_replication_slots WHERE slot_name = ? AND active_pid IS NOT NULL")) {
                ps.setString(1, slot);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_drop_replication_slot(slot_name) FROM "
                    + "pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, slot);
                ps.execute();
            }
            st.execute("DROP PUBLICATION IF EXISTS " + quote(publication));
        } catch (SQLException e) {
            throw problem(e);
        }
    }

    private void ensurePublication(Connection c, List<String> tables) throws SQLException {
        List<String> quoted = new ArrayList<>();
        for (String t : tables) {
            int dot = t.indexOf('.');
            quoted.add(quote(t.substring(0, dot)) + "." + quote(t.substring(dot + 1)));
        }
        TreeSet<String> published = new TreeSet<>();
        boolean exists = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT p.pubname, t.schemaname, t.tablename FROM pg_publication p "
                + "LEFT JOIN pg_publication_tables t ON t.pubname = p.pubname WHERE p.pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    exists = true;
                    if (rs.getString(2) != null) {
                        published.add(rs.getString(2) + "." + rs.getString(3));
                    }
                }
            }
        }
        try (Statement st = c.createStatement()) {
            if (!exists) {
                st.execute("CREATE PUBLICATION " + quote(publication) + " FOR TABLE " + String.join(", ", quoted));
            } else if (!published.equals(new TreeSet<>(tables))) {
                st.execute("ALTER PUBLICATION " + quote(publication) + " SET TABLE " + String.join(", ", quoted));
            }
        }
    }

    private void ensureSlot(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
            ps.setString(1, slot);
            ps.execute();
        }
    }

    private ReplicationSlotStatus slotStatus(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT active, wal_status, "
                + "pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint, confirmed_flush_lsn::text "
                + "FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                ReplicationSlotStatus status = new ReplicationSlotStatus();
                status.setName(slot);
                if (rs.next()) {
                    status.setActive(rs.getBoolean(1));
                    status.setWalStatus(rs.getString(2));
                    status.setRetainedWalBytes(rs.getLong(3));
                    status.setConfirmedFlushLsn(rs.getString(4));
                }
                return status;
            }
        }
    }

    private Connection connect() throws SQLException {
        String sslMode = spec.getTls() == null ? "prefer" : switch (spec.getTls().getMode()) {
            case DISABLE -> "disable";
            case REQUIRE -> "require";
            case VERIFY_FULL -> "verify-full";
        };
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "capstan-operator");
        return DriverManager.getConnection("jdbc:postgresql://" + spec.getHost() + ":" + spec.getPort() + "/"
                + spec.getDatabase() + "?sslmode=" + sslMode, props);
    }

    private Problem problem(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        String where = "PostgreSQL at " + spec.getHost() + ":" + spec.getPort();
        if (state.startsWith("28")) {
            return new Problem("SourceAuthenticationFailed", "spec.source.postgres.credentialsSecretRef: " + where
                    + " refused the login of user '" + user + "'; fix the username/password in the Secret", e);
        }
        if (state.startsWith("08")) {
            return new Problem("SourceUnreachable", "spec.source.postgres.host: cannot connect to " + where + " ("
                    + e.getMessage() + "); check host, port and that the server is up", e);
        }
        if (state.equals("42P01")) {
            return new Problem("TableNotFound", "spec.source.tables: " + e.getMessage()
                    + "; create the table or remove it from the pipeline", e);
        }
        if (state.equals("3D000")) {
            return new Problem("DatabaseNotFound", "spec.source.postgres.database: " + e.getMessage(), e);
        }
        if (state.equals("55000")) {
            return new Problem("WalLevelNotLogical", where + ": " + e.getMessage()
                    + "; set wal_level = logical and restart PostgreSQL", e);
        }
        if (state.equals("42501")) {
            return new Problem("SourcePermissionDenied", where + ": " + e.getMessage() + "; the user needs REPLICATION "
                    + "and ownership of the tables (or CREATE on the database) to manage the publication", e);
        }
        return new Problem("SourceError", where + ": " + e.getMessage(), e);
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
