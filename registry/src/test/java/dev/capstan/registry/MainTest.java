package dev.capstan.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.WithKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithKafka
class MainTest {

    private static final Pattern LISTENING = Pattern.compile("capstan-registry listening on (http://\\S+) .*");

    @Test
    void parsesArguments() {
        RegistrySettings settings = MainArguments.parse(new String[] {"--bootstrap-servers", "kafka:9092",
                "--port=9000", "--host", "127.0.0.1", "--topic", "_schemas", "--replication-factor", "3"}, Map.of());
        assertThat(settings).isEqualTo(new RegistrySettings("kafka:9092", "_schemas", "127.0.0.1", 9000, 3, null,
                null, Map.of()));
        RegistrySettings defaults = MainArguments.parse(new String[] {"--bootstrap-servers=k:1"},
                Map.of(MainArguments.USERNAME_ENV, "reg", MainArguments.PASSWORD_ENV, "secret"));
        assertThat(defaults.port()).isEqualTo(8081);
        assertThat(defaults.host()).isEqualTo("0.0.0.0");
        assertThat(defaults.topic()).isEqualTo("_capstan_schemas");
        assertThat(defaults.username()).isEqualTo("reg");
        assertThat(defaults.toString()).doesNotContain("secret");
    }

    @Test
    void namesTheFaultyArgument() {
        assertRefused("--port: expected a number from 0 to 65535, got 'abc'", "--bootstrap-servers", "k:1",
                "--port", "abc");
        assertRefused("--port: expected a number from 0 to 65535, got '70000'", "--bootstrap-servers", "k:1",
                "--port=70000");
        assertRefused("--bootstrap-servers is required; usage: capstan-registry", "--port", "1");
        assertRefused("unknown argument '--verbose'", "--bootstrap-servers", "k:1", "--verbose");
        assertRefused("--topic needs a value", "--bootstrap-servers", "k:1", "--topic");
        assertRefused("--replication-factor: expected a number from 1 to 32767, got '0'",
                "--bootstrap-servers=k:1", "--replication-factor=0");
        assertThatThrownBy(() -> MainArguments.parse(new String[] {"--bootstrap-servers=k:1"},
                Map.of(MainArguments.PASSWORD_ENV, "secret")))
                .hasMessage("set both CAPSTAN_REGISTRY_USERNAME and CAPSTAN_REGISTRY_PASSWORD for basic "
                        + "authentication, or neither");
    }

    @Test
    void badArgumentsExitWithCode2AndOneLine(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("err");
        Process process = java(err, "--bootstrap-servers", "k:1", "--port", "abc");
        process.getOutputStream().close();
        byte[] stdout = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(err))
                .containsExactly("capstan-registry: --port: expected a number from 0 to 65535, got 'abc'");
        assertThat(stdout).isEmpty();
    }

    @Test
    void servesUntilSigterm(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        Path err = dir.resolve("err");
        Process process = java(err, "--bootstrap-servers", kafka.bootstrapServers(), "--port", "0", "--host",
                "127.0.0.1", "--topic", "main-" + UUID.randomUUID());
        try {
            URI url = awaitUrl(process, err);
            assertThat(Http.to(url).get("/subjects").body()).isEqualTo("[]");
            assertThat(Http.to(url).get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            assertThat(Files.readString(err)).doesNotContain("Exception");
        } finally {
            process.destroyForcibly();
        }
    }

    private static URI awaitUrl(Process process, Path err) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.matches()) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return URI.create(matcher.group(1));
            }
        }
        throw new AssertionError("the registry ended without printing its URL: " + Files.readString(err));
    }

    private static void assertRefused(String message, String... args) {
        assertThatThrownBy(() -> MainArguments.parse(args, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    private static Process java(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }
}
