package dev.capstan.runtime.support;

import dev.capstan.testing.PostgresServer;
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
 * Random inserts, updates and deletes on {@code table (id bigint primary key, v text)} from one or more
 * writer threads, in small transactions, remembering the xid of every committed transaction.
 */
public final class Workload implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<Long> committedXids = ConcurrentHashMap.newKeySet();
    private final Thread[] writers;
    private volatile Exception failure;

    private Workload(PostgresServer pg, String db, String table, int keys, long seed, int threads) {
        writers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            Random random = new Random(seed + i);
            writers[i] = new Thread(() -> write(pg, db, table, keys, random), "workload-" + i);
            writers[i].start();
        }
    }

    /** One writer thread. */
    public static Workload start(PostgresServer pg, String db, String table, int keys, long seed) {
        return new Workload(pg, db, table, keys, seed, 1);
    }

    /** Several writer threads, each with its own seed. */
    public static Workload start(PostgresServer pg, String db, String table, int keys, long seed, int threads) {
        return new Workload(pg, db, table, keys, seed, threads);
    }

    /** The xids (32-bit, as pgoutput reports them) of the transactions that committed. */
    public Set<Long> committedXids() {
        return committedXids;
    }

    private void write(PostgresServer pg, String db, String table, int keys, Random random) {
        String upsert = "INSERT INTO " + table + " (id, v) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET v = excluded.v";
        String delete = "DELETE FROM " + table + " WHERE id = ?";
        try (Connection c = pg.connect(db)) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement(upsert); PreparedStatement del = c.prepareStatement(delete);
                 Statement st = c.createStatement()) {
                long[] n = {0};
                while (running.get()) {
                    try {
                        long xid = transaction(c, up, del, st, keys, random, n);
                        if (xid >= 0) {
                            committedXids.add(xid);
                        }
                    } catch (SQLException e) {
                        if (!"40P01".equals(e.getSQLState()) && !"40001".equals(e.getSQLState())) {
                            throw e;
                        }
                        c.rollback();
                    }
                    Thread.sleep(2);
                }
            }
        } catch (SQLException | InterruptedException e) {
            failure = e;
        }
    }

    /**
     * One to five random changes, committed; returns the transaction's xid, or -1 when it changed no row
     * (PostgreSQL does not stream empty transactions).
     */
    private static long transaction(Connection c, PreparedStatement up, PreparedStatement del, Statement st, int keys,
                                    Random random, long[] n) throws SQLException {
        int ops = 1 + random.nextInt(5);
        int changed = 0;
        for (int i = 0; i < ops; i++) {
            long id = 1 + random.nextInt(keys);
            if (random.nextInt(10) == 0) {
                del.setLong(1, id);
                changed += del.executeUpdate();
            } else {
                up.setLong(1, id);
                up.setString(2, "v" + (n[0]++));
                changed += up.executeUpdate();
            }
        }
        long xid;
        try (ResultSet rs = st.executeQuery("SELECT txid_current() % 4294967296")) {
            rs.next();
            xid = rs.getLong(1);
        }
        c.commit();
        return changed > 0 ? xid : -1;
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
