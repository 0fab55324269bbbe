package dev.capstan.runtime.support;

import dev.capstan.testing.MariaDbServer;
import dev.capstan.testing.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs SQL statements on a test database, one connection, autocommit. */
public final class Sql {

    private Sql() {
    }

    /** Executes {@code statements} in order on {@code db}. */
    public static void exec(PostgresServer pg, String db, String... statements) throws SQLException {
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** Executes {@code statements} in order on MariaDB database {@code db}. */
    public static void exec(MariaDbServer mariadb, String db, String... statements) throws SQLException {
        try (Connection c = mariadb.connect(db); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }
}
