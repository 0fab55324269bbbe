package dev.capstan.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed CRD YAML (crds/generated and the Helm chart's copy) must be exactly what the generator makes of the
 * Java model. With {@code -Dcapstan.crds.write=true} the test rewrites both copies instead of comparing.
 */
class CrdDriftTest {

    static final String REGENERATE = "mvn -pl crds test -Dtest=CrdDriftTest -Dcapstan.crds.write=true";
    static final String HEADER = "# Generated from the Java model (crds/src/main/java) by CrdDriftTest: do not edit.\n"
            + "# Regenerate from the repository root with: " + REGENERATE + "\n";

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final List<Path> COPIES = List.of(
            MODULE.resolve("generated"), MODULE.resolve("../helm/capstan/crds").normalize());

    @TempDir
    Path workDir;

    @Test
    void committedCrdsMatchTheModel() throws IOException {
        Map<String, String> generated = CrdGeneration.generate(workDir);
        assertThat(generated.keySet()).containsExactlyInAnyOrderElementsOf(CrdGeneration.FILE_NAMES);

        boolean write = Boolean.getBoolean("capstan.crds.write");
        for (Path dir : COPIES) {
            for (Map.Entry<String, String> file : generated.entrySet()) {
                Path committed = dir.resolve(file.getKey());
                String expected = HEADER + file.getValue();
                if (write) {
                    Files.createDirectories(dir);
                    Files.writeString(committed, expected);
                    continue;
                }
                assertThat(committed)
                        .withFailMessage("%s is missing. Generate it with: %s", MODULE.relativize(committed), REGENERATE)
                        .exists();
                String actual = Files.readString(committed);
                assertThat(actual)
                        .withFailMessage("%s differs from the CRD generated from the Java model (%s). "
                                + "Do not edit it by hand; regenerate with: %s",
                                MODULE.getParent().relativize(committed), firstDifference(expected, actual), REGENERATE)
                        .isEqualTo(expected);
            }
        }
    }

    static String firstDifference(String expected, String actual) {
        String[] want = expected.split("\n", -1);
        String[] have = actual.split("\n", -1);
        for (int i = 0; i < Math.max(want.length, have.length); i++) {
            String w = i < want.length ? want[i] : "<end of file>";
            String h = i < have.length ? have[i] : "<end of file>";
            if (!w.equals(h)) {
                return "first difference at line " + (i + 1) + ": generated '" + w.strip() + "', committed '"
                        + h.strip() + "'";
            }
        }
        return "no line differs";
    }
}
