package dev.capstan.runtime.source.mysql;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import com.github.shyiko.mysql.binlog.network.ServerException;
import dev.capstan.runtime.config.MySqlConfig;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One binlog connection (mysql-binlog-connector-java): its reader thread hands events to the stream thread
 * through a small bounded queue, so a slow Kafka slows the binlog reading (TCP backpressure) and all event
 * handling stays on one thread. Errors of the reader thread surface in {@link #poll}.
 */
final class BinlogSession implements AutoCloseable {

    /** MySQL/MariaDB error: the binlog to start from is gone (purged), or the GTID position is unknown. */
    static final int BINLOG_GONE = 1236;
    private final BinaryLogClient client;
    private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(1024);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean closing;

    /**
     * @param gtids    where to resume as a GTID position/set, or null to use {@code file} and {@code position}
     */
    BinlogSession(MySqlConfig config, EventDeserializer deserializer, String gtids, String file, long position) {
        client = new BinaryLogClient(config.host(), config.port(), config.user(), config.password());
        client.setServerId(config.serverId());
        client.setKeepAlive(false);
        client.setHeartbeatInterval(config.heartbeatInterval().toMillis());
        client.setEventDeserializer(deserializer);
        client.setSSLMode(switch (config.sslMode()) {
            case "trust" -> SSLMode.REQUIRED;
            case "verify-full" -> SSLMode.VERIFY_IDENTITY;
            default -> SSLMode.DISABLED;
        });
        if (gtids != null) {
            client.setGtidSet(gtids);
        } else {
            client.setBinlogFilename(file);
            client.setBinlogPosition(position);
        }
        client.registerEventListener(this::offer);
        client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
                failure.compareAndSet(null, ex);
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
                failure.compareAndSet(null, ex);
            }

            @Override
            public void onDisconnect(BinaryLogClient c) {
                if (!closing) {
                    failure.compareAndSet(null, new IOException("the binlog connection closed"));
                }
            }
        });
    }

    void connect() throws IOException {
        try {
            client.connect(15_000);
        } catch (TimeoutException e) {
            throw new IOException("the binlog connection did not open within 15 s", e);
        }
    }

    /** The next event, or null after {@code millis} without one; throws what the reader thread hit. */
    Event poll(long millis) throws Exception {
        Event event = events.poll(millis, TimeUnit.MILLISECONDS);
        if (event == null) {
            Exception e = failure.get();
            if (e != null) {
                throw e;
            }
        }
        return event;
    }

    /** Whether {@code e} says the server no longer has the binlog to resume from. */
    static boolean binlogGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServerException s && s.getErrorCode() == BINLOG_GONE) {
                return true;
            }
        }
        return false;
    }

    private void offer(Event event) {
        try {
            while (!closing && !events.offer(event, 100, TimeUnit.MILLISECONDS)) {
                // the stream thread is waiting for Kafka: hold the reader thread (and the server) back
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            client.disconnect();
        } catch (IOException e) {
            // the connection is gone either way
        }
    }
}
