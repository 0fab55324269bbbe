package dev.capstan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free TCP ports on 127.0.0.1, below the kernel's ephemeral range.
 *
 * <p>Why not {@code new ServerSocket(0)}: that hands out an ephemeral port, the range the kernel also uses for the
 * local side of outgoing connections. While a server is stopped for an outage test, a client reconnecting in a loop
 * can then be given the server's own port as its local port and connect to itself (TCP self-connect); the
 * restarted server fails with "address already in use". Ports below the range cannot be taken that way.
 */
final class LoopbackPorts {

    static final String HOST = "127.0.0.1";

    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private LoopbackPorts() {
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago and that this JVM has not handed out before. Another process
     * may still take it before the server binds it; that is rare.
     */
    static synchronized int pick() {
        int highest = ephemeralRangeStart() - 1;
        if (highest - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
                if (!HANDED_OUT.contains(port) && isFree(port)) {
                    HANDED_OUT.add(port);
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of {@code net.ipv4.ip_local_port_range} (Linux), 32768 when unknown. */
    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
