package dev.capstan.demo.bench;

import dev.capstan.testing.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Writes the benchmark backlog inside PostgreSQL (a DO block that commits every 100 changes): per
 * transaction 60 inserts, 30 updates and 10 deletes of the oldest rows.
 */
final class BacklogWriter {

    private BacklogWriter() {
    }

    static void write(PostgresServer pg, String db, String table, int events) throws Exception {
        int transactions = events / 100;
        String body = """
                DO $$
                DECLARE
                  next_id bigint := 1;
                  del_id bigint := 1;
                BEGIN
                  FOR t IN 1..%d LOOP
                    INSERT INTO %s SELECT g, g %% 1000, (g %% 100000) / 100.0, 'new', repeat(md5(g::text), 3),
                      now() FROM generate_series(next_id, next_id + 59) g;
                    UPDATE %s SET status = 'paid', amount = amount + 1 WHERE id BETWEEN next_id AND next_id + 29;
                    DELETE FROM %s WHERE id BETWEEN del_id AND del_id + 9;
                    next_id := next_id + 60;
                    del_id := del_id + 10;
                    COMMIT;
                  END LOOP;
                END $$;
                """.formatted(transactions, table, table, table);
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute(body);
        }
    }
}
