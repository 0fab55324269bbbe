package dev.capstan.demo.bench;

import dev.capstan.testing.MariaDbServer;
import java.sql.Connection;
import java.sql.Statement;

/**
 * The benchmark backlog on MariaDB, the same workload as {@link BacklogWriter}: a stored procedure that commits
 * every 100 changes, per transaction 60 inserts, 30 updates and 10 deletes of the oldest rows.
 */
final class MariaDbBacklog {

    private MariaDbBacklog() {
    }

    static void createTable(MariaDbServer mariadb, String db, String table) throws Exception {
        try (Connection c = mariadb.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, customer_id INT, amount DECIMAL(12,2), "
                    + "status VARCHAR(20), note TEXT, created_at TIMESTAMP(6))");
        }
    }

    static void write(MariaDbServer mariadb, String db, String table, int events) throws Exception {
        try (Connection c = mariadb.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE backlog_numbers (n INT PRIMARY KEY)");
            st.execute("INSERT INTO backlog_numbers SELECT seq FROM seq_0_to_59");
            st.execute("""
                    CREATE PROCEDURE backlog(IN transactions INT)
                    BEGIN
                      DECLARE t INT DEFAULT 0;
                      DECLARE next_id BIGINT DEFAULT 1;
                      DECLARE del_id BIGINT DEFAULT 1;
                      WHILE t < transactions DO
                        START TRANSACTION;
                        INSERT INTO %1$s SELECT next_id + n, (next_id + n) %% 1000, ((next_id + n) %% 100000) / 100.0,
                          'new', REPEAT(MD5(next_id + n), 3), NOW(6) FROM backlog_numbers;
                        UPDATE %1$s SET status = 'paid', amount = amount + 1 WHERE id BETWEEN next_id AND next_id + 29;
                        DELETE FROM %1$s WHERE id BETWEEN del_id AND del_id + 9;
                        COMMIT;
                        SET next_id = next_id + 60;
                        SET del_id = del_id + 10;
                        SET t = t + 1;
                      END WHILE;
                    END
                    """.formatted(table));
            st.execute("CALL backlog(" + events / 100 + ")");
        }
    }
}
