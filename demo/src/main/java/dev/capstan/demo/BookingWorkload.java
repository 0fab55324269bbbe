package dev.capstan.demo;

import dev.capstan.testing.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes bookings at about {@code rate} transactions per second: new bookings, confirmations with a
 * payment, cancellations, and now and then a deleted old booking.
 */
final class BookingWorkload implements AutoCloseable {

    private static final String[] GUESTS = {"Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Edsger"};
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private BookingWorkload(PostgresServer pg, String db, int rate) {
        thread = new Thread(() -> write(pg, db, rate), "demo-workload");
        thread.setDaemon(true);
        thread.start();
    }

    static BookingWorkload start(PostgresServer pg, String db, int rate) {
        return new BookingWorkload(pg, db, rate);
    }

    private void write(PostgresServer pg, String db, int rate) {
        Random random = new Random();
        long pauseNanos = 1_000_000_000L / Math.max(1, rate);
        try (Connection c = pg.connect(db)) {
            c.setAutoCommit(false);
            PreparedStatement book = c.prepareStatement("INSERT INTO bookings (guest, email, room, nights, amount, "
                    + "tags) VALUES (?, ?, ?, ?, ?, ?) RETURNING booking_id");
            PreparedStatement confirm = c.prepareStatement("UPDATE bookings SET status = 'confirmed', "
                    + "updated_at = now() WHERE booking_id = ?");
            PreparedStatement pay = c.prepareStatement("INSERT INTO payments (booking_id, amount, card_token) "
                    + "VALUES (?, ?, ?)");
            PreparedStatement cancel = c.prepareStatement("UPDATE bookings SET status = 'cancelled', "
                    + "updated_at = now() WHERE booking_id = ?");
            PreparedStatement purge = c.prepareStatement("DELETE FROM bookings WHERE booking_id = ?");
            long next = System.nanoTime();
            while (running.get()) {
                String guest = GUESTS[random.nextInt(GUESTS.length)];
                book.setString(1, guest);
                book.setString(2, guest.toLowerCase() + "@example.com");
                book.setInt(3, 100 + random.nextInt(300));
                book.setInt(4, 1 + random.nextInt(7));
                book.setBigDecimal(5, java.math.BigDecimal.valueOf(5_000 + random.nextInt(90_000), 2));
                book.setArray(6, c.createArrayOf("text", new String[] {"web", random.nextBoolean() ? "vip" : "std"}));
                long id;
                try (ResultSet rs = book.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                int roll = random.nextInt(10);
                if (roll < 6) {
                    confirm.setLong(1, id);
                    confirm.executeUpdate();
                    pay.setLong(1, id);
                    pay.setBigDecimal(2, java.math.BigDecimal.valueOf(5_000 + random.nextInt(90_000), 2));
                    pay.setString(3, "tok_" + Long.toHexString(random.nextLong()));
                    pay.executeUpdate();
                } else if (roll < 8) {
                    cancel.setLong(1, Math.max(1, id - random.nextInt(20)));
                    cancel.executeUpdate();
                } else if (roll == 9) {
                    purge.setLong(1, Math.max(1, id - 50));
                    purge.executeUpdate();
                }
                c.commit();
                next += pauseNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        } catch (SQLException | InterruptedException e) {
            if (running.get()) {
                System.err.println("capstan demo: workload stopped: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
