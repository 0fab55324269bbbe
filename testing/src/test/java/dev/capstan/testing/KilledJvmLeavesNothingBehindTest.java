package dev.capstan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A test JVM killed with SIGKILL runs no shutdown hook; the watchdogs must still stop PostgreSQL and MariaDB and
 * delete every server's directory.
 */
class KilledJvmLeavesNothingBehindTest {

    @Test
    void sigkilledJvmLeavesNoServerProcessAndNoDirectory() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                OrphanScenario.class.getName()))
                .redirectError(Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("READY ")) {
                            return line;
                        }
                    }
                    return "child exited with " + child.waitFor();
                } catch (Exception e) {
                    return e.toString();
                }
            }).get(3, TimeUnit.MINUTES);
            assertThat(ready).startsWith("READY ");
            String[] parts = ready.split(" ");
            long pgPid = Long.parseLong(parts[1]);
            Path pgDir = Path.of(parts[2]);
            long mariadbPid = Long.parseLong(parts[3]);
            Path mariadbDir = Path.of(parts[4]);
            Path kafkaDir = Path.of(parts[5]);
            assertThat(ProcessKiller.isGone(pgPid)).isFalse();
            assertThat(ProcessKiller.isGone(mariadbPid)).isFalse();

            child.destroyForcibly();   // SIGKILL
            child.waitFor(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(ProcessKiller.isGone(pgPid)).as("postgres %d gone", pgPid).isTrue();
                assertThat(ProcessKiller.isGone(mariadbPid)).as("mariadbd %d gone", mariadbPid).isTrue();
                assertThat(pgDir).doesNotExist();
                assertThat(mariadbDir).doesNotExist();
                assertThat(kafkaDir).doesNotExist();
            });
        } finally {
            child.destroyForcibly();
        }
    }
}
