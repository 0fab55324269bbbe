package dev.capstan.testing;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs PostgreSQL from an installed {@code bin} directory, e.g. the distribution's
 * {@code /usr/lib/postgresql/15/bin}: {@code initdb}, then {@code pg_ctl start/stop}. As root the commands run in a
 * user namespace ({@code unshare -U}, as zonky does), because initdb and postgres refuse to run as root.
 */
final class BinDirPostgresLauncher implements PostgresLauncher {

    private final Path binDir;
    private Path dataDir;

    BinDirPostgresLauncher(Path binDir) {
        if (!Files.isExecutable(binDir.resolve("pg_ctl")) || !Files.isExecutable(binDir.resolve("initdb"))) {
            throw new IllegalArgumentException("no pg_ctl/initdb in " + binDir
                    + " (set capstan.test.postgres.bin to a PostgreSQL bin directory)");
        }
        this.binDir = binDir;
    }

    @Override
    public void start(Launch launch) throws IOException {
        dataDir = launch.dataDir();
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            run(launch.logFile(), 120, "initdb", "-D", dataDir.toString(), "-U", SUPERUSER, "-A", "trust",
                    "-E", "UTF-8", "--locale=C", "--no-sync");
        }
        launch.configure().accept(dataDir);
        run(launch.logFile(), 120, "pg_ctl", "-D", dataDir.toString(), "-l", launch.logFile().toString(),
                "-w", "-t", "60", "-s", "start");
    }

    @Override
    public void stop() throws IOException {
        if (dataDir != null && Files.exists(dataDir.resolve("postmaster.pid"))) {
            run(null, 60, "pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30", "-s", "stop");
        }
    }

    @Override
    public String description() {
        return binDir.toString();
    }

    private void run(Path logFile, int timeoutSeconds, String program, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (RunAs.isRoot()) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(binDir.resolve(program).toString());
        command.addAll(List.of(args));
        Path output = logFile != null ? logFile : dataDir.getParent().resolve("postgres.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(output.toFile()))
                .start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish in " + timeoutSeconds + " s; see " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + program, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(command + " failed with exit code " + process.exitValue() + "; see " + output);
        }
    }
}
