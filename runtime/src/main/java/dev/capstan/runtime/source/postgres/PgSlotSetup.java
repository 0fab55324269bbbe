package dev.capstan.runtime.source.postgres;

import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.PostgresConfig;
import dev.capstan.runtime.event.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the publication and the logical replication slot when they are absent (standalone mode; in
 * Kubernetes the operator creates them first and this finds them), adds missing tables to an existing
 * publication, and refuses a slot that another consumer holds.
 *
 * <p>Blocking; not thread-safe (uses the caller's connection).
 */
public final class PgSlotSetup {

    private static final Logger LOG = LoggerFactory.getLogger(PgSlotSetup.class);
    private final Connection connection;
    private final PostgresConfig config;

    public PgSlotSetup(Connection connection, PostgresConfig config) {
        this.connection = connection;
        this.config = config;
    }

    /** Makes sure the publication exists and covers {@code tables}. */
    public void ensurePublication(List<TableId> tables) throws SQLException {
        String name = config.publicationName();
        Set<TableId> published = publishedTables(name);
        String list = tables.stream().map(PgPrerequisites::quote).collect(Collectors.joining(", "));
        try (Statement st = connection.createStatement()) {
            if (published == null) {
                st.execute("CREATE PUBLICATION " + PgPrerequisites.quoteIdent(name) + " FOR TABLE " + list);
                LOG.info("Created publication {} for {}", name, tables);
                return;
            }
            List<TableId> missing = new ArrayList<>(tables);
            missing.removeAll(published);
            if (!missing.isEmpty()) {
                st.execute("ALTER PUBLICATION " + PgPrerequisites.quoteIdent(name) + " ADD TABLE "
                        + missing.stream().map(PgPrerequisites::quote).collect(Collectors.joining(", ")));
                LOG.info("Added {} to publication {}", missing, name);
            }
        }
    }

    /**
     * Makes sure the slot exists with the pgoutput plugin and is not streaming to someone else. A slot
     * held by a connection that is going away (a previous run of this pipeline) is waited for up to
     * {@code waitForRelease} milliseconds.
     *
     * @return true when it created the slot
     */
    public boolean ensureSlot(long waitForRelease) throws SQLException, InterruptedException {
        String name = config.slotName();
        long deadline = System.currentTimeMillis() + waitForRelease;
        while (true) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT plugin, active, active_pid, database FROM pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        createSlot(name);
                        return true;
                    }
                    checkSlot(name, rs.getString(1), rs.getString(4));
                    if (!rs.getBoolean(2)) {
                        return false;
                    }
                    if (System.currentTimeMillis() >= deadline) {
                        throw new ConfigException("replication slot '" + name + "' is in use by another connection "
                                + "(pid " + rs.getInt(3) + "); stop the other consumer, or give this pipeline its own "
                                + "slot in spec.source.postgres.slotName");
                    }
                }
            }
            Thread.sleep(500);
        }
    }

    private void checkSlot(String name, String plugin, String database) {
        if (!"pgoutput".equals(plugin) || !config.database().equals(database)) {
            throw new ConfigException("replication slot '" + name + "' exists with plugin " + plugin
                    + " on database " + database + "; Capstan needs a pgoutput slot on " + config.database()
                    + ": drop it (SELECT pg_drop_replication_slot('" + name + "')) or choose another "
                    + "spec.source.postgres.slotName");
        }
    }

    private void createSlot(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
            ps.setString(1, name);
            ps.execute();
        }
        LOG.info("Created logical replication slot {}", name);
    }

    /** The tables of publication {@code name}, or null when it does not exist. */
    private Set<TableId> publishedTables(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
            }
        }
        Set<TableId> tables = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(new TableId(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return tables;
    }
}
