package dev.capstan.runtime.support;

import dev.capstan.testing.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Random inserts (new keys, so the table grows), updates and deletes on MariaDB table
 * {@code (id bigint primary key, v varchar)} from one or more writer threads, in small transactions,
 * remembering the GTID of every committed transaction that changed a row.
 */
public final class MariaDbWorkload implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> committedGtids = ConcurrentHashMap.newKeySet();
    private final Thread[] writers;
    private volatile Exception failure;

    private MariaDbWorkload(MariaDbServer mariadb, String db, String table, int keys, long seed, int threads) {
        writers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            Random random = new Random(seed + i);
            writers[i] = new Thread(() -> write(mariadb, db, table, keys, random), "mariadb-workload-" + i);
            writers[i].start();
        }
    }

    /** {@code threads} writers, each with its own seed, on keys 1 to {@code keys}. */
    public static MariaDbWorkload start(MariaDbServer mariadb, String db, String table, int keys, long seed,
                                        int threads) {
        return new MariaDbWorkload(mariadb, db, table, keys, seed, threads);
    }

    /** The GTIDs (domain-server-sequence) of the committed transactions that changed a row. */
    public Set<String> committedGtids() {
        return committedGtids;
    }

    public int transactions() {
        return committedGtids.size();
    }

    private void write(MariaDbServer mariadb, String db, String table, int keys, Random random) {
        try (Connection c = mariadb.connect(db)) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement("INSERT INTO " + table
                    + " (id, v) VALUES (?, ?) ON DUPLICATE KEY UPDATE v = VALUES(v)");
                 PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
                 Statement st = c.createStatement()) {
                long n = 0;
                while (running.get()) {
                    int ops = 1 + random.nextInt(5);
                    int changed = 0;
                    for (int i = 0; i < ops; i++) {
                        long id = 1 + random.nextInt(keys);
                        if (random.nextInt(10) == 0) {
                            del.setLong(1, id);
                            changed += del.executeUpdate();
                        } else {
                            up.setLong(1, id);
                            up.setString(2, "v" + (n++));
                            changed += up.executeUpdate();
                        }
                    }
                    c.commit();
                    if (changed > 0) {
                        try (ResultSet rs = st.executeQuery("SELECT @@last_gtid")) {
                            rs.next();
                            committedGtids.add(rs.getString(1));
                        }
                    }
                    Thread.sleep(2);
                }
            }
        } catch (SQLException | InterruptedException e) {
            failure = e;
        }
    }

    /** Stops the writers and waits for them; fails if a writer failed. */
    @Override
    public void close() throws Exception {
        running.set(false);
        for (Thread t : writers) {
            t.join();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
