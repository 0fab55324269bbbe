package dev.capstan.demo.bench;

import dev.capstan.demo.PipelineFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runtime jar as a child process with -Xmx256m; reads its progress from {@code /status} and its
 * peak RSS ({@code VmHWM}) from {@code /proc}.
 */
final class RuntimeUnderTest implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;
    private final long startNanos = System.nanoTime();
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Progress when the target was reached: seconds from start, from the first published event, and for
     * the second half of the events (past JIT warm-up: the steady rate).
     */
    record Progress(double totalSeconds, double streamingSeconds, double secondHalfSeconds, double cpuSeconds,
                    double stealPercent) {

        /** The runtime's CPU time per event from the first event on, in microseconds. */
        double cpuMicrosPer(long events) {
            return cpuSeconds * 1e6 / events;
        }
    }

    private RuntimeUnderTest(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the runtime once the machine is quiet ({@link #awaitQuietMachine}, at most 60 s). */
    static RuntimeUnderTest start(Path jar, PipelineFiles pipeline) throws Exception {
        awaitQuietMachine(Duration.ofSeconds(60));
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("capstan-bench-runtime", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dfile.encoding=UTF-8"));
        String extra = System.getenv("CAPSTAN_BENCH_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "run", "--pipeline", pipeline.manifest().toString(),
                "--secrets-dir", pipeline.secretsDir().toString(), "--http-port", String.valueOf(port)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        System.out.println("runtime pid " + process.pid() + ", log " + log);
        return new RuntimeUnderTest(process, port);
    }

    /** Polls {@code /status} every 50 ms until {@code events} change events were acknowledged. */
    Progress awaitEvents(long events, Duration timeout) throws Exception {
        return awaitEvents(0, events, timeout);
    }

    /**
     * Polls {@code /status} every 50 ms until {@code events} more than {@code from} change events were
     * acknowledged; the clock starts at the first one past {@code from}.
     */
    Progress awaitEvents(long from, long events, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstEventNanos = 0;
        long halfNanos = 0;
        long lastPrint = 0;
        long lastPublished = 0;
        double firstEventCpu = 0;
        long[] firstEventMachine = null;
        boolean progress = Boolean.getBoolean("capstan.bench.progress");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the runtime exited with " + process.exitValue());
            }
            long published = published() - from;
            long now = System.nanoTime();
            if (published > 0 && firstEventNanos == 0) {
                firstEventNanos = now;
                firstEventCpu = cpuSeconds();
                firstEventMachine = machineTicks();
            }
            if (progress && firstEventNanos != 0 && now - lastPrint >= 1_000_000_000L) {
                System.out.printf("  %5.1f s: %,d published (%,.0f/s)%n", (now - firstEventNanos) / 1e9, published,
                        lastPrint == 0 ? 0.0 : (published - lastPublished) * 1e9 / (now - lastPrint));
                lastPrint = now;
                lastPublished = published;
            }
            if (published >= events / 2 && halfNanos == 0) {
                halfNanos = now;
            }
            if (published >= events) {
                return new Progress((now - startNanos) / 1e9, (now - firstEventNanos) / 1e9, (now - halfNanos) / 1e9,
                        cpuSeconds() - firstEventCpu, stealPercent(firstEventMachine, machineTicks()));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the runtime did not publish " + events + " more events in " + timeout);
    }

    /**
     * Waits until the machine is quiet: less than 5 % of its CPU time busy over a whole second, at most
     * {@code timeout}. A run measured right after loading a backlog would otherwise share the cores with
     * what the load left behind: the database's background work (autovacuum, checkpoints, InnoDB purge) and
     * the JIT compilers of this process and of the runtime. Prints how long it waited.
     */
    static void awaitQuietMachine(Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long[] before = machineTicks();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long[] now = machineTicks();
            long total = now[0] - before[0];
            if (total > 0 && 100.0 * (total - (now[2] - before[2])) / total < 5.0) {
                break;
            }
            before = now;
        }
        System.out.printf("machine quiet after %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** Polls {@code /health/ready} until the runtime streams (it has stored where it starts). */
    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the runtime exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health/ready")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the runtime was not ready within " + timeout);
    }

    private long published() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/status")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = JSON.readTree(r.body());
            return status.path("eventsPublished").asLong(0);
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * The machine's CPU ticks since boot from /proc/stat: total, stolen (time the hypervisor gave the virtual
     * CPUs to someone else; on a shared VM it makes one run slower than the next) and idle (idle + iowait).
     */
    private static long[] machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, f.length > 8 ? Long.parseLong(f[8]) : 0,
            Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }

    private static double stealPercent(long[] from, long[] to) {
        long total = to[0] - from[0];
        return total <= 0 ? 0 : 100.0 * (to[1] - from[1]) / total;
    }

    /** CPU seconds (user + system) the runtime process used so far, from /proc/&lt;pid&gt;/stat. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // clock ticks of 10 ms
    }

    /** Peak resident set size of the runtime process, from /proc/&lt;pid&gt;/status VmHWM. */
    long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
