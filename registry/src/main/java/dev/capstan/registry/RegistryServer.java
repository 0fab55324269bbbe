package dev.capstan.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capstan's schema registry: the subset of the Confluent Schema Registry REST API that Avro serializers,
 * deserializers and operators use, for Avro schemas, at the root and under {@code /apis/ccompat/v7}. Schemas and
 * compatibility levels live in a compacted Kafka topic (Confluent's own design and record layout): read whole on
 * start, written synchronously before memory changes, so ids and versions survive restarts.
 *
 * <p><b>One instance per topic.</b> Writes are serialized inside one instance; two instances writing to the same
 * topic would give the same ids twice. Run one replica (a restarted or rescheduled pod is fine).
 *
 * <pre>{@code
 * try (RegistryServer registry = RegistryServer.start(RegistrySettings.builder("kafka:9092").port(8081).build())) {
 *     URI url = registry.url();
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Requests are served by a small pool of daemon threads.
 */
public final class RegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);
    private static final int THREADS = 8;

    private final RegistrySettings settings;
    private final SchemaStore store;
    private final Routes routes;
    private final BasicAuth auth;
    private final HttpServer http;
    private final ExecutorService executor;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RegistryServer(RegistrySettings settings, SchemaStore store, HttpServer http) {
        this.settings = settings;
        this.store = store;
        this.routes = new Routes(store);
        this.auth = settings.authenticated() ? new BasicAuth(settings.username(), settings.password()) : null;
        this.http = http;
        this.executor = Executors.newFixedThreadPool(THREADS, threads());
        http.createContext("/", this::serve);
        http.setExecutor(executor);
        this.port = http.getAddress().getPort();
    }

    /**
     * Prepares the topic (creating it when missing), reads it, and starts serving. Blocks until it serves, which
     * takes about as long as reading the topic.
     *
     * @throws IllegalStateException if Kafka cannot be reached or the port cannot be bound
     */
    public static RegistryServer start(RegistrySettings settings) {
        SchemaStore store = SchemaStore.open(settings);
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        } catch (IOException e) {
            store.close();
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        RegistryServer server = new RegistryServer(settings, store, http);
        http.start();
        LOG.info("Schema registry listening on {} (topic {} on {})", server.url(), settings.topic(),
                settings.bootstrapServers());
        return server;
    }

    /** {@code http://<host>:<port>}; the loopback address when listening on every interface. */
    public URI url() {
        InetAddress address = http.getAddress().getAddress();
        String host = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
                : address.getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /** The port it listens on (the chosen one when the settings said 0). */
    public int port() {
        return port;
    }

    /** Stops serving (requests in progress are cut) and closes the Kafka producer. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        LOG.info("Schema registry on port {} stopped", port);
    }

    @Override
    public String toString() {
        return "RegistryServer[" + settings.host() + ":" + port() + ", topic " + settings.topic() + "]";
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            Reply reply = answer(exchange);
            LOG.debug("{} {} -> {}", exchange.getRequestMethod(), exchange.getRequestURI(), reply.status());
            HttpCall.send(exchange, reply);
        } catch (IOException e) {
            LOG.debug("Could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        }
    }

    private Reply answer(HttpExchange exchange) {
        try {
            if (auth != null && !auth.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"capstan-registry\"");
                throw new ErrorResponse(401, 401, "Unauthorized");
            }
            return routes.dispatch(HttpCall.of(exchange));
        } catch (ErrorResponse e) {
            return Reply.error(e);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
            return Reply.error(new ErrorResponse(500, 500, "Internal server error: " + e));
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "capstan-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
