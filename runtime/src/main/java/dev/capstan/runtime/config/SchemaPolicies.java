package dev.capstan.runtime.config;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.api.v1alpha1.Format;
import dev.capstan.api.v1alpha1.policy.IncompatibleChangeAction;
import dev.capstan.api.v1alpha1.policy.SchemaApproval;
import dev.capstan.registry.compat.CompatibilityMode;
import dev.capstan.runtime.event.TableId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the CdcSchemaPolicy a pipeline names ({@code spec.schemaPolicyRef}) into a
 * {@link SchemaPolicyConfig}: level, action, registry URL and credentials, and the approvals for this pipeline.
 *
 * <p>Stateless apart from its secrets directory; thread-safe.
 */
public final class SchemaPolicies {

    private final SecretsDir secrets;

    public SchemaPolicies(SecretsDir secrets) {
        this.secrets = secrets;
    }

    /**
     * The pipeline's policy out of {@code policies}, or null when it names none.
     *
     * @throws ConfigException naming the field when the policy is missing or unusable
     */
    public SchemaPolicyConfig resolve(CdcPipeline pipeline, List<CdcSchemaPolicy> policies) {
        var ref = pipeline.getSpec().getSchemaPolicyRef();
        if (ref == null) {
            if (pipeline.getSpec().getFormat() == Format.AVRO) {
                throw new ConfigException("spec.schemaPolicyRef: format avro needs a CdcSchemaPolicy (it names the "
                        + "schema registry); add schemaPolicyRef: {name: <policy>}");
            }
            return null;
        }
        CdcSchemaPolicy policy = policies.stream().filter(p -> ref.getName().equals(p.getMetadata().getName()))
                .findFirst().orElseThrow(() -> new ConfigException("spec.schemaPolicyRef: CdcSchemaPolicy '"
                        + ref.getName() + "' is not in the manifest; add it after the CdcPipeline as a second YAML "
                        + "document (---), or fix the name"));
        return resolve(pipeline.getMetadata().getName(), policy);
    }

    /** {@code policy} for the pipeline named {@code pipeline}. */
    public SchemaPolicyConfig resolve(String pipeline, CdcSchemaPolicy policy) {
        String name = policy.getMetadata().getName();
        var spec = policy.getSpec();
        String field = "CdcSchemaPolicy " + name + " spec.registry";
        URI url;
        try {
            url = new URI(spec.getRegistry().getUrl());
        } catch (URISyntaxException | NullPointerException e) {
            throw new ConfigException(field + ".url: '" + spec.getRegistry().getUrl() + "' is not a URL; use e.g. "
                    + "http://registry:8081");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new ConfigException(field + ".url: '" + url + "' is not an http(s) URL");
        }
        String username = null;
        String password = null;
        if (spec.getRegistry().getCredentialsSecretRef() != null) {
            String secret = spec.getRegistry().getCredentialsSecretRef().getName();
            username = secrets.read(secret, "username", field + ".credentialsSecretRef");
            password = secrets.read(secret, "password", field + ".credentialsSecretRef");
        }
        return new SchemaPolicyConfig(name,
                CompatibilityMode.valueOf(Optional.ofNullable(spec.getCompatibility())
                        .orElse(dev.capstan.api.v1alpha1.policy.SchemaCompatibility.BACKWARD).name()),
                Optional.ofNullable(spec.getOnIncompatible()).orElse(IncompatibleChangeAction.PAUSE), url, username,
                password, approvals(pipeline, spec.getApprovals()));
    }

    /** The approvals of {@code approvals} ({@code spec.approvals} of a policy) that name {@code pipeline}. */
    public static Set<SchemaPolicyConfig.Approval> approvals(String pipeline, List<SchemaApproval> approvals) {
        Set<SchemaPolicyConfig.Approval> out = new HashSet<>();
        for (SchemaApproval a : Optional.ofNullable(approvals).orElse(List.of())) {
            if (pipeline.equals(a.getPipeline())) {
                out.add(new SchemaPolicyConfig.Approval(TableId.parse(a.getTable()), a.getFingerprint()));
            }
        }
        return out;
    }
}
