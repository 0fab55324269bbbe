package dev.capstan.registry.compat;

import static dev.capstan.registry.TestSchemas.enumType;
import static dev.capstan.registry.TestSchemas.field;
import static dev.capstan.registry.TestSchemas.row;
import static dev.capstan.registry.compat.CompatibilityMode.BACKWARD;
import static dev.capstan.registry.compat.CompatibilityMode.BACKWARD_TRANSITIVE;
import static dev.capstan.registry.compat.CompatibilityMode.FORWARD;
import static dev.capstan.registry.compat.CompatibilityMode.FORWARD_TRANSITIVE;
import static dev.capstan.registry.compat.CompatibilityMode.FULL;
import static dev.capstan.registry.compat.CompatibilityMode.FULL_TRANSITIVE;
import static dev.capstan.registry.compat.CompatibilityMode.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompatibilityModeTest {

    private static final Set<CompatibilityMode> ONLY_NONE = EnumSet.of(NONE);
    private static final Set<CompatibilityMode> ALL = EnumSet.allOf(CompatibilityMode.class);
    private static final Set<CompatibilityMode> BACKWARD_ONLY = EnumSet.of(NONE, BACKWARD, BACKWARD_TRANSITIVE);
    private static final Set<CompatibilityMode> FORWARD_ONLY = EnumSet.of(NONE, FORWARD, FORWARD_TRANSITIVE);

    /**
     * One existing schema, one new schema, and the modes under which the new one may follow (from Avro's schema
     * resolution rules: BACKWARD = new reads old, FORWARD = old reads new; with one existing version the transitive
     * modes agree with the others).
     */
    static Stream<Arguments> pairs() {
        String a = field("a", "'int'");
        String longA = field("a", "'long'");
        return Stream.of(
                pair("add a field with a default", row(a), row(a, field("b", "'int'", "0")), ALL),
                pair("add a field without a default", row(a), row(a, field("b", "'int'")), FORWARD_ONLY),
                pair("remove a field with a default", row(a, field("b", "'int'", "0")), row(a), ALL),
                pair("remove a field without a default", row(a, field("b", "'int'")), row(a), BACKWARD_ONLY),
                pair("long to int (narrowing)", row(longA), row(a), FORWARD_ONLY),
                pair("int to long (promotion)", row(a), row(longA), BACKWARD_ONLY),
                pair("string to bytes", row(field("s", "'string'")), row(field("s", "'bytes'")), ALL),
                pair("bytes to string", row(field("s", "'bytes'")), row(field("s", "'string'")), ALL),
                pair("add a union branch", row(field("u", "['null','string']")),
                        row(field("u", "['null','string','int']")), BACKWARD_ONLY),
                pair("remove a union branch", row(field("u", "['null','string','int']")),
                        row(field("u", "['null','string']")), FORWARD_ONLY),
                pair("add an enum symbol, no enum default", row(field("s", enumType(null, "A", "B"))),
                        row(field("s", enumType(null, "A", "B", "C"))), BACKWARD_ONLY),
                pair("add an enum symbol, with enum default", row(field("s", enumType("A", "A", "B"))),
                        row(field("s", enumType("A", "A", "B", "C"))), ALL),
                pair("remove an enum symbol, no enum default", row(field("s", enumType(null, "A", "B", "C"))),
                        row(field("s", enumType(null, "A", "B"))), FORWARD_ONLY),
                pair("remove an enum symbol, with enum default", row(field("s", enumType("A", "A", "B", "C"))),
                        row(field("s", enumType("A", "A", "B"))), ALL),
                pair("make a field nullable", row(field("s", "'string'")),
                        row(field("s", "['null','string']", "null")), BACKWARD_ONLY),
                pair("make a nullable field required", row(field("s", "['null','string']", "null")),
                        row(field("s", "'string'")), FORWARD_ONLY),
                pair("change a field's type to an unrelated one", row(field("s", "'string'")),
                        row(field("s", "'int'")), ONLY_NONE),
                pair("rename the record", row(a), withName(row(a), "Other"), ONLY_NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void decidesEveryModeForOneExistingVersion(String change, Schema existing, Schema candidate,
                                               Set<CompatibilityMode> compatibleUnder) {
        for (CompatibilityMode mode : CompatibilityMode.values()) {
            List<String> violations = mode.violations(candidate, List.of(existing));
            assertThat(violations.isEmpty())
                    .as("%s under %s: %s", change, mode, violations)
                    .isEqualTo(compatibleUnder.contains(mode));
        }
    }

    @Test
    void backwardTransitiveChecksEveryVersion() {
        // v3 drops b's default: v3 reads v2's data (b present) but not v1's (b missing, no default)
        List<Schema> history = List.of(row(field("a", "'int'")),
                row(field("a", "'int'"), field("b", "'int'", "0")));
        Schema candidate = row(field("a", "'int'"), field("b", "'int'"));

        assertThat(BACKWARD.violations(candidate, history)).isEmpty();
        assertThat(FULL.violations(candidate, history)).isEmpty();
        assertThat(BACKWARD_TRANSITIVE.violations(candidate, history)).containsExactly(
                "BACKWARD_TRANSITIVE: the new schema cannot read data written with schema 1 of 2: "
                        + "READER_FIELD_MISSING_DEFAULT_VALUE: b at /fields/1");
        assertThat(FULL_TRANSITIVE.violations(candidate, history)).hasSize(1)
                .allSatisfy(violation -> assertThat(violation).contains("schema 1 of 2", "b at /fields/1"));
        assertThat(FORWARD_TRANSITIVE.violations(candidate, history)).isEmpty();
    }

    @Test
    void forwardTransitiveChecksEveryVersion() {
        // v3 drops b: v2 reads v3's data (b has a default there) but v1 cannot (b without default)
        List<Schema> history = List.of(row(field("a", "'int'"), field("b", "'int'")),
                row(field("a", "'int'"), field("b", "'int'", "0")));
        Schema candidate = row(field("a", "'int'"));

        assertThat(FORWARD.violations(candidate, history)).isEmpty();
        assertThat(FULL.violations(candidate, history)).isEmpty();
        assertThat(FORWARD_TRANSITIVE.violations(candidate, history)).containsExactly(
                "FORWARD_TRANSITIVE: schema 1 of 2 cannot read data written with the new schema: "
                        + "READER_FIELD_MISSING_DEFAULT_VALUE: b at /fields/1");
        assertThat(FULL_TRANSITIVE.violations(candidate, history)).hasSize(1);
        assertThat(BACKWARD_TRANSITIVE.violations(candidate, history)).isEmpty();
    }

    @Test
    void nonTransitiveModesLookOnlyAtTheLatestVersion() {
        // v1 has a string, v2 an int: a string candidate breaks against v2 only
        List<Schema> history = List.of(row(field("a", "'string'")), row(field("a", "'int'")));
        Schema candidate = row(field("a", "'string'"));

        assertThat(BACKWARD.violations(candidate, history)).containsExactly(
                "BACKWARD: the new schema cannot read data written with schema 2 of 2 (latest): "
                        + "TYPE_MISMATCH: reader type: STRING not compatible with writer type: INT at /fields/0/type");
        assertThat(FULL.violations(candidate, history)).hasSize(2);
        assertThat(FULL_TRANSITIVE.violations(candidate, history)).hasSize(2);
    }

    @Test
    void narrowingIsReportedWithTypeLocationAndDirection() {
        List<String> violations = FULL.violations(row(field("amount", "'int'")), List.of(row(field("amount",
                "'long'"))));

        assertThat(violations).containsExactly("FULL: the new schema cannot read data written with schema 1 of 1 "
                + "(latest): TYPE_MISMATCH: reader type: INT not compatible with writer type: LONG at /fields/0/type");
    }

    @Test
    void anEmptyHistoryAndNoneAreAlwaysCompatible() {
        Schema anything = row(field("a", "'int'"));
        for (CompatibilityMode mode : CompatibilityMode.values()) {
            assertThat(mode.violations(anything, List.of())).as("%s", mode).isEmpty();
        }
        assertThat(NONE.violations(Schema.create(Schema.Type.STRING), List.of(anything))).isEmpty();
    }

    @Test
    void parsesNamesIgnoringCase() {
        assertThat(CompatibilityMode.parse("full_transitive")).isEqualTo(FULL_TRANSITIVE);
        assertThat(CompatibilityMode.parse(" Backward ")).isEqualTo(BACKWARD);
        List<CompatibilityMode> parsed = new ArrayList<>();
        for (CompatibilityMode mode : CompatibilityMode.values()) {
            parsed.add(CompatibilityMode.parse(mode.name().toLowerCase()));
        }
        assertThat(parsed).containsExactly(CompatibilityMode.values());
    }

    @Test
    void refusesUnknownNamesListingTheValidOnes() {
        assertThatThrownBy(() -> CompatibilityMode.parse("STRICT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid compatibility level 'STRICT'; valid levels: NONE, BACKWARD, "
                        + "BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE");
        assertThatThrownBy(() -> CompatibilityMode.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid compatibility level null; valid levels: NONE");
        assertThatThrownBy(() -> CompatibilityMode.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transitiveFlag() {
        assertThat(EnumSet.allOf(CompatibilityMode.class).stream().filter(CompatibilityMode::transitive))
                .containsExactly(BACKWARD_TRANSITIVE, FORWARD_TRANSITIVE, FULL_TRANSITIVE);
    }

    private static Arguments pair(String change, Schema existing, Schema candidate, Set<CompatibilityMode> modes) {
        return Arguments.of(change, existing, candidate, modes);
    }

    private static Schema withName(Schema record, String name) {
        return new Schema.Parser().parse(record.toString().replace("\"name\":\"Row\"", "\"name\":\"" + name + "\""));
    }
}
