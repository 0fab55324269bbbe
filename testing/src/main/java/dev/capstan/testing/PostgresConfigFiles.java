package dev.capstan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the test cluster's settings into {@code postgresql.conf} and its {@code pg_hba.conf}. Idempotent: run
 * before every postmaster start; the block after {@link #MARKER} is replaced, the rest of initdb's file is kept,
 * and {@code ALTER SYSTEM} (postgresql.auto.conf) still wins over it.
 */
final class PostgresConfigFiles {

    static final String MARKER = "# ---- capstan-testing settings (rewritten before every start) ----";

    private PostgresConfigFiles() {
    }

    static void write(Path dataDir, Map<String, String> settings, boolean passwordAuthentication) {
        try {
            writeSettings(dataDir.resolve("postgresql.conf"), settings);
            writeHba(dataDir.resolve("pg_hba.conf"), passwordAuthentication ? "scram-sha-256" : "trust");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration of " + dataDir, e);
        }
    }

    private static void writeSettings(Path conf, Map<String, String> settings) throws IOException {
        String existing = Files.readString(conf, StandardCharsets.UTF_8);
        int marker = existing.indexOf(MARKER);
        StringBuilder text = new StringBuilder(marker < 0 ? existing : existing.substring(0, marker));
        if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        text.append(MARKER).append('\n');
        settings.forEach((name, value) ->
                text.append(name).append(" = '").append(value.replace("'", "''")).append("'\n"));
        Files.writeString(conf, text, StandardCharsets.UTF_8);
    }

    /** Replication connections are allowed from loopback like normal ones; no Unix sockets are opened. */
    private static void writeHba(Path hba, String method) throws IOException {
        String text = """
                # written by capstan-testing
                # TYPE  DATABASE     USER  ADDRESS        METHOD
                local   all          all                  trust
                host    all          all   127.0.0.1/32   %1$s
                host    all          all   ::1/128        %1$s
                host    replication  all   127.0.0.1/32   %1$s
                host    replication  all   ::1/128        %1$s
                """.formatted(method);
        Files.writeString(hba, text, StandardCharsets.UTF_8);
    }
}
