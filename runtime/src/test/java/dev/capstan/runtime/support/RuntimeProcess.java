package dev.capstan.runtime.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The runtime as a separate process ({@code capstan-runtime run ...}), so tests can kill it for real. */
public final class RuntimeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private RuntimeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code Main run --pipeline ... --secrets-dir ...} with this JVM's class path. */
    public static RuntimeProcess start(TestPipeline pipeline, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dfile.encoding=UTF-8"); // as the runtime image runs it
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.capstan.runtime.cli.Main", "run",
                "--pipeline", pipeline.manifest().toString(), "--secrets-dir", pipeline.secretsDir().toString(),
                "--http-port", "0"));
        Path log = Files.createTempFile("capstan-runtime-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new RuntimeProcess(process, log);
    }

    /** SIGKILL: no flush, no acknowledgement, like a node dying. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit code, or -1 when it did not exit within {@code timeout}. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit on its own; returns its code, or -1 after {@code timeout}. */
    public int waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Waits until the process printed {@code text}; fails when it exits or {@code timeout} passes first. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!output().contains(text)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("the runtime did not print '" + text + "'; output:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    public File logFile() {
        return log.toFile();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
