package dev.capstan.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure a server process that should have exited has. */
final class ProcessKiller {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessKiller.class);

    private ProcessKiller() {
    }

    /**
     * Waits up to {@code grace} for process {@code pid} to exit; if it still runs, sends {@code signal}, waits 5 s
     * more, then SIGKILL. A no-op for {@code pid <= 0} or a process that is gone.
     */
    static void awaitExit(long pid, String signal, Duration grace) {
        if (pid <= 0 || waitFor(pid, grace)) {
            return;
        }
        LOG.warn("process {} did not exit within {} ms; sending SIG{}", pid, grace.toMillis(), signal);
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.debug("kill -{} {} failed", signal, pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!waitFor(pid, Duration.ofSeconds(5))) {
            LOG.warn("process {} ignored SIG{}; sending SIGKILL", pid, signal);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            waitFor(pid, Duration.ofSeconds(5));
        }
    }

    /** Whether process {@code pid} is gone within {@code timeout}. */
    static boolean waitFor(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (isGone(pid)) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Whether {@code pid} has exited. A zombie counts as exited: a server daemonised by pg_ctl is re-parented to
     * PID 1, which may take a while to reap it, and {@link ProcessHandle#isAlive()} is true until then.
     */
    static boolean isGone(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            char state = afterName > 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : '?';
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return !process.get().isAlive();
        }
    }
}
