package dev.capstan.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.capstan.api.v1alpha1.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evaluates every CEL rule of the generated CRDs with a real CEL implementation (cel-java) and checks that the Java
 * twin ManifestValidator uses gives the same answer on the same objects, valid and invalid.
 */
class CelRuleParityTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("self", SimpleType.DYN).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    /** Objects to bind to {@code self} for each rule; each rule gets both answers at least once. */
    private static final Map<String, List<String>> SAMPLES = Map.of(
            Rules.ONE_SOURCE, List.of("{postgres: {host: a}, tables: []}", "{mysql: {host: a}}",
                    "{tables: []}", "{postgres: {host: a}, mysql: {host: b}}"),
            Rules.AVRO_NEEDS_POLICY, List.of("{format: json}", "{}", "{format: avro}",
                    "{format: avro, schemaPolicyRef: {name: strict}}"),
            Rules.UNIQUE_REQUEST_IDS, List.of("{mode: initial}", "{requests: []}",
                    "{requests: [{id: a, tables: [s.t]}, {id: b, tables: [s.t]}]}",
                    "{requests: [{id: a, tables: [s.t]}, {id: b}, {id: a}]}"),
            Rules.AUTHENTICATION_SECRET, List.of("{type: tls, certificateSecretRef: {name: c}}", "{type: tls}",
                    "{type: scram-sha-512, credentialsSecretRef: {name: c}}", "{type: scram-sha-256}",
                    "{type: tls, credentialsSecretRef: {name: c}}"));

    @Test
    void everyRuleOfTheCrdsHasSamples() throws IOException {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(crdRules());
    }

    @Test
    void javaTwinsAnswerAsCel() throws Exception {
        for (Map.Entry<String, List<String>> rule : SAMPLES.entrySet()) {
            CelRuntime.Program program = RUNTIME.createProgram(COMPILER.compile(rule.getKey()).getAst());
            List<Boolean> answers = new ArrayList<>();
            for (String sample : rule.getValue()) {
                JsonNode self = YAML.readTree(sample);
                Object cel = program.eval(Map.of("self", toCel(self)));
                assertThat(CelRuleMirror.evaluate(rule.getKey(), self))
                        .as("rule %s on %s (CEL says %s)", rule.getKey(), sample, cel).isEqualTo(cel);
                answers.add((Boolean) cel);
            }
            assertThat(answers).as("samples of %s cover true and false", rule.getKey()).contains(true, false);
        }
    }

    /** JSON as CEL sees it: maps, lists, int64, double, string, bool. */
    private static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), toCel(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toCel(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.isBoolean() ? node.asBoolean() : node.asText();
    }

    private static List<String> crdRules() throws IOException {
        List<String> rules = new ArrayList<>();
        for (String crd : List.of("cdcpipelines.capstan.dev-v1.yml", "cdcschemapolicies.capstan.dev-v1.yml")) {
            try (InputStream in = getResource(crd)) {
                YAML.readTree(in).findValues("x-kubernetes-validations").forEach(list ->
                        list.forEach(rule -> rules.add(rule.path("rule").asText())));
            }
        }
        return rules;
    }

    private static InputStream getResource(String crd) {
        return CelRuleParityTest.class.getClassLoader().getResourceAsStream(ManifestValidator.CRD_RESOURCES + crd);
    }
}
