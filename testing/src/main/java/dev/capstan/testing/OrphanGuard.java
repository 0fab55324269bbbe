package dev.capstan.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a test server does not outlive the JVM that started it, and deletes its scratch directory.
 *
 * <p>Two mechanisms, because neither covers every way a test JVM ends:
 * <ul>
 *   <li>a JVM shutdown hook closes every server that is still open when the JVM exits normally, on
 *       {@code System.exit}, or on SIGTERM/SIGINT (what surefire and Ctrl-C send);</li>
 *   <li>a watchdog {@code sh} process per server reads a pipe from this JVM. When the JVM dies in any way,
 *       SIGKILL and {@code Runtime.halt} included, the pipe closes; the watchdog then signals the pid found
 *       in the server's pid file (escalating to SIGKILL after 10 s) and deletes the server's scratch
 *       directory.</li>
 * </ul>
 * {@link #release()} after a normal stop tells the watchdog to delete the directory and exit; the deletion runs in
 * the background because unlinking a thousand files takes seconds on some disks. Thread-safe.
 */
final class OrphanGuard {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanGuard.class);

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

    private static final Set<AutoCloseable> OPEN = Collections.synchronizedSet(new LinkedHashSet<>());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OrphanGuard::closeAllOpen, "capstan-test-servers-shutdown"));
    }

    /**
     * $1 pid file (may be empty), $2 signal for a graceful stop, $3 directory to delete. After the JVM died, the
     * directory is deleted again for 20 s: a child the JVM had started (mariadb-install-db, initdb) may still be
     * writing into it.
     */
    private static final String WATCHDOG_SCRIPT = """
            trap '' INT HUP
            read -r command
            if [ "$command" = release ]; then
              [ -n "$3" ] && rm -rf -- "$3"
              exit 0
            fi
            if [ -n "$1" ] && [ -s "$1" ]; then
              pid=$(head -n 1 "$1")
              if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
                kill -"$2" "$pid" 2>/dev/null
                i=0
                while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i+1)); done
                kill -KILL "$pid" 2>/dev/null
              fi
            fi
            i=0
            while [ -n "$3" ] && [ "$i" -lt 40 ]; do
              rm -rf -- "$3"
              sleep 0.5
              i=$((i+1))
            done
            exit 0
            """;

    private final AutoCloseable server;
    private final Path scratchDir;
    private final Process watchdog;
    private boolean released;

    private OrphanGuard(AutoCloseable server, Path scratchDir, Process watchdog) {
        this.server = server;
        this.scratchDir = scratchDir;
        this.watchdog = watchdog;
    }

    /**
     * Starts guarding {@code server}.
     *
     * @param server         closed by the shutdown hook if still open when the JVM exits
     * @param scratchDir     deleted by the watchdog if the JVM dies without closing the server
     * @param pidFile        file whose first line is the server's pid when it runs (read when the JVM dies,
     *                       so restarts are followed); {@code null} for in-process servers
     * @param signal         the signal that stops the server gracefully, e.g. {@code INT} for PostgreSQL
     */
    static OrphanGuard protect(AutoCloseable server, Path scratchDir, Path pidFile, String signal) {
        OPEN.add(server);
        return new OrphanGuard(server, scratchDir, startWatchdog(scratchDir, pidFile, signal));
    }

    /**
     * Stops guarding: the server was stopped properly. Its scratch directory is deleted in the background (or
     * right away when there is no watchdog). Idempotent.
     */
    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        OPEN.remove(server);
        if (watchdog == null || !watchdog.isAlive()) {
            deleteNow();
            return;
        }
        try (OutputStream in = watchdog.getOutputStream()) {
            in.write("release\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.debug("cannot talk to watchdog {}", watchdog.pid(), e);
            watchdog.destroyForcibly();
            deleteNow();
        }
    }

    private void deleteNow() {
        try {
            TempDirs.delete(scratchDir);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", scratchDir, e);
        }
    }

    private static Process startWatchdog(Path scratchDir, Path pidFile, String signal) {
        List<String> command = List.of("sh", "-c", WATCHDOG_SCRIPT, "capstan-watchdog",
                pidFile == null ? "" : pidFile.toString(), signal == null ? "TERM" : signal,
                scratchDir == null ? "" : scratchDir.toString());
        try {
            return new ProcessBuilder(command)
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            LOG.warn("No watchdog for {} (cannot run sh: {}); a killed JVM may leave it behind", scratchDir,
                    e.getMessage());
            return null;
        }
    }

    /**
     * Closes the open servers, each in its own thread, and waits at most {@link #SHUTDOWN_WAIT}: a server may be
     * locked by a thread stuck in {@code start()}; the watchdogs clean up whatever is left once the JVM is gone.
     */
    private static void closeAllOpen() {
        List<AutoCloseable> open;
        synchronized (OPEN) {
            open = new ArrayList<>(OPEN);
        }
        Collections.reverse(open);
        List<Thread> closers = new ArrayList<>();
        for (AutoCloseable server : open) {
            Thread closer = new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    LOG.warn("Could not close {} at JVM shutdown", server, e);
                }
            }, "capstan-close-" + server);
            closer.setDaemon(true);
            closer.start();
            closers.add(closer);
        }
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        for (Thread closer : closers) {
            try {
                closer.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
