package dev.capstan.runtime.config;

import dev.capstan.api.v1alpha1.policy.IncompatibleChangeAction;
import dev.capstan.registry.compat.CompatibilityMode;
import dev.capstan.runtime.event.TableId;
import java.net.URI;
import java.util.Set;

/**
 * The pipeline's CdcSchemaPolicy, resolved: the compatibility level new schemas are checked against, what to
 * do with an incompatible one, the registry and its credentials, and the approvals for this pipeline.
 * Immutable; {@link #toString()} leaves the password out.
 *
 * @param name            the policy's name, for messages
 * @param compatibility   the level a new schema version is checked against
 * @param onIncompatible  Pause, Alert or Allow
 * @param registryUrl     the registry's Confluent-compatible API
 * @param username        basic-auth user, or null
 * @param password        basic-auth password, or null
 * @param approvals       the approvals naming this pipeline
 */
public record SchemaPolicyConfig(String name, CompatibilityMode compatibility, IncompatibleChangeAction onIncompatible,
                                 URI registryUrl, String username, String password, Set<Approval> approvals) {

    /** One approved schema (by fingerprint) of one table. */
    public record Approval(TableId table, String fingerprint) {
    }

    public SchemaPolicyConfig {
        approvals = Set.copyOf(approvals);
    }

    /** The same policy with {@code approvals} instead. */
    public SchemaPolicyConfig withApprovals(Set<Approval> approvals) {
        return new SchemaPolicyConfig(name, compatibility, onIncompatible, registryUrl, username, password, approvals);
    }

    public boolean approved(TableId table, String fingerprint) {
        return approvals.contains(new Approval(table, fingerprint));
    }

    @Override
    public String toString() {
        return "SchemaPolicyConfig[name=" + name + ", compatibility=" + compatibility + ", onIncompatible="
                + onIncompatible + ", registryUrl=" + registryUrl + ", username=" + username + ", approvals="
                + approvals + "]";
    }
}
