package dev.capstan.demo;

import dev.capstan.testing.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The demo's tables: bookings of hotel rooms and their payments. */
final class BookingSchema {

    private BookingSchema() {
    }

    static void create(PostgresServer pg, String db) throws SQLException {
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TYPE booking_status AS ENUM ('held', 'confirmed', 'cancelled')");
            st.execute("CREATE TABLE bookings (booking_id bigserial PRIMARY KEY, guest text NOT NULL, "
                    + "email text, room int NOT NULL, nights smallint NOT NULL, amount numeric(10,2) NOT NULL, "
                    + "status booking_status NOT NULL DEFAULT 'held', tags text[], "
                    + "created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz)");
            st.execute("ALTER TABLE bookings REPLICA IDENTITY FULL");
            st.execute("CREATE TABLE payments (payment_id uuid PRIMARY KEY DEFAULT gen_random_uuid(), "
                    + "booking_id bigint NOT NULL, amount numeric(10,2) NOT NULL, card_token text, "
                    + "paid_at timestamptz NOT NULL DEFAULT now())");
            st.execute("ALTER TABLE payments REPLICA IDENTITY FULL");
        }
    }

    /** A compatible change while the demo runs: a new optional column. */
    static void addNotes(PostgresServer pg, String db) throws SQLException {
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE bookings ADD COLUMN notes text");
        }
    }
}
