package dev.capstan.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.capstan.api.v1alpha1.Rules;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Plain-Java twins of the CEL rules ({@code x-kubernetes-validations}) of the CRDs, keyed by the exact rule text.
 * Each predicate gets {@code self}, the object the rule is declared on, and returns what the rule returns. A CEL
 * library was not worth its dependencies here (guava, protobuf, antlr: ~8 MB in every module using the API);
 * CelRuleParityTest evaluates the real rules with a CEL library in tests and checks these twins agree.
 */
final class CelRuleMirror {

    private static final Map<String, Predicate<JsonNode>> RULES = Map.of(
            // has(self.postgres) != has(self.mysql)
            Rules.ONE_SOURCE, self -> has(self, "postgres") != has(self, "mysql"),
            // !has(self.format) || self.format != 'avro' || has(self.schemaPolicyRef)
            Rules.AVRO_NEEDS_POLICY, self -> !has(self, "format")
                    || !"avro".equals(self.get("format").asText()) || has(self, "schemaPolicyRef"),
            // !has(self.requests) || self.requests.all(r, self.requests.exists_one(o, o.id == r.id))
            Rules.UNIQUE_REQUEST_IDS, self -> !has(self, "requests") || uniqueIds(self.get("requests")),
            // self.type == 'tls' ? has(self.certificateSecretRef) : has(self.credentialsSecretRef)
            Rules.AUTHENTICATION_SECRET, self -> "tls".equals(self.path("type").asText())
                    ? has(self, "certificateSecretRef") : has(self, "credentialsSecretRef"));

    private CelRuleMirror() {
    }

    static boolean isMirrored(String rule) {
        return RULES.containsKey(rule);
    }

    /** Evaluates the twin of {@code rule} with {@code self} bound to the given object. */
    static boolean evaluate(String rule, JsonNode self) {
        Predicate<JsonNode> twin = RULES.get(rule);
        if (twin == null) {
            throw new IllegalStateException("The CRD has a CEL rule without a Java twin in CelRuleMirror: " + rule);
        }
        return twin.test(self);
    }

    /** CEL {@code has()}: the field is set; the API server drops explicit nulls before validating. */
    private static boolean has(JsonNode self, String field) {
        JsonNode value = self.get(field);
        return value != null && !value.isNull();
    }

    private static boolean uniqueIds(JsonNode requests) {
        Set<String> seen = new HashSet<>();
        for (JsonNode request : requests) {
            if (request.hasNonNull("id") && !seen.add(request.get("id").asText())) {
                return false;
            }
        }
        return true;
    }
}
