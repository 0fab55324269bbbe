package dev.capstan.operator.pipeline;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import dev.capstan.api.v1alpha1.CdcSchemaPolicySpec;
import dev.capstan.api.v1alpha1.RuntimeSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes objects that run a pipeline's runtime: its rendered pipeline, followed by its schema policy when it
 * references one (ConfigMap), identity and least-privilege RBAC (read its own CdcPipeline, patch its status, read its
 * CdcSchemaPolicy for new approvals), the Deployment (one replica,
 * Recreate, Secrets mounted as {@code /etc/capstan/secrets/<secret>/<key>}, probes on the health
 * endpoints, a config hash that rolls the pod when the spec changes) and a metrics Service.
 *
 * <p>Stateless; thread-safe.
 */
final class RuntimeResources {

    static final String CONFIG_HASH = "capstan.dev/config-hash";
    static final int HTTP_PORT = 8080;
    private static final String PIPELINE_DIR = "/etc/capstan/pipeline";
    private static final String SECRETS_DIR = "/etc/capstan/secrets";

    private final CdcPipeline pipeline;
    private final CdcSchemaPolicy policy;
    private final String image;
    private final Set<String> secretNames;

    /**
     * @param policy      the CdcSchemaPolicy {@code spec.schemaPolicyRef} names, or null when it names none
     * @param image       the runtime image ({@code spec.runtime.image}, else the operator's default)
     * @param secretNames every Secret the spec and the policy reference, mounted for the runtime
     */
    RuntimeResources(CdcPipeline pipeline, CdcSchemaPolicy policy, String image, Set<String> secretNames) {
        this.pipeline = pipeline;
        this.policy = policy;
        this.image = image;
        this.secretNames = secretNames;
    }

    static String name(CdcPipeline pipeline) {
        return pipeline.getMetadata().getName() + "-runtime";
    }

    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "capstan-runtime");
        labels.put("app.kubernetes.io/instance", pipeline.getMetadata().getName());
        labels.put("app.kubernetes.io/managed-by", "capstan-operator");
        return labels;
    }

    /** The pipeline as the runtime reads it: the spec, no status, no server-side metadata. */
    String renderedPipeline() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", pipeline.getApiVersion());
        doc.put("kind", pipeline.getKind());
        doc.put("metadata", Map.of("name", pipeline.getMetadata().getName(),
                "namespace", pipeline.getMetadata().getNamespace()));
        doc.put("spec", pipeline.getSpec());
        return Serialization.asYaml(doc);
    }

    /** The policy as the runtime reads it at start: the spec, no status, no server-side metadata. */
    String renderedPolicy() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", policy.getApiVersion());
        doc.put("kind", policy.getKind());
        doc.put("metadata", Map.of("name", policy.getMetadata().getName(),
                "namespace", policy.getMetadata().getNamespace()));
        doc.put("spec", policy.getSpec());
        return Serialization.asYaml(doc);
    }

    /** The runtime's manifest: the pipeline, then (when it references one) its policy, as YAML documents. */
    String manifest() {
        if (policy == null) {
            return renderedPipeline();
        }
        String pipelineDoc = renderedPipeline();
        String policyDoc = renderedPolicy();
        return pipelineDoc + (pipelineDoc.endsWith("\n") ? "" : "\n")
                + (policyDoc.startsWith("---") ? "" : "---\n") + policyDoc;
    }

    ConfigMap configMap() {
        return new ConfigMapBuilder().withMetadata(meta()).addToData("pipeline.yaml", manifest()).build();
    }

    ServiceAccount serviceAccount() {
        return new ServiceAccountBuilder().withMetadata(meta()).build();
    }

    Role role() {
        String name = pipeline.getMetadata().getName();
        RoleBuilder role = new RoleBuilder().withMetadata(meta())
                .addToRules(new PolicyRuleBuilder().withApiGroups("capstan.dev").withResources("cdcpipelines")
                        .withResourceNames(name).withVerbs("get", "list", "watch").build())
                .addToRules(new PolicyRuleBuilder().withApiGroups("capstan.dev").withResources("cdcpipelines/status")
                        .withResourceNames(name).withVerbs("get", "patch").build());
        if (pipeline.getSpec().getSchemaPolicyRef() != null) {
            // The runtime re-reads its policy every status round to pick up new approvals without a restart.
            role.addToRules(new PolicyRuleBuilder().withApiGroups("capstan.dev").withResources("cdcschemapolicies")
                    .withResourceNames(pipeline.getSpec().getSchemaPolicyRef().getName())
                    .withVerbs("get", "list", "watch").build());
        }
        return role.build();
    }

    RoleBinding roleBinding() {
        return new RoleBindingBuilder().withMetadata(meta())
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", name(pipeline))
                .addNewSubject().withKind("ServiceAccount").withName(serviceAccountName())
                .withNamespace(pipeline.getMetadata().getNamespace()).endSubject()
                .build();
    }

    String serviceAccountName() {
        RuntimeSpec runtime = pipeline.getSpec().getRuntime();
        return runtime != null && runtime.getServiceAccountName() != null ? runtime.getServiceAccountName()
                : name(pipeline);
    }

    Deployment deployment(boolean paused, String configHash) {
        RuntimeSpec runtime = pipeline.getSpec().getRuntime() == null ? new RuntimeSpec() : pipeline.getSpec().getRuntime();
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("pipeline").withNewConfigMap().withName(name(pipeline)).endConfigMap()
                .build());
        mounts.add(new VolumeMountBuilder().withName("pipeline").withMountPath(PIPELINE_DIR).withReadOnly(true).build());
        int i = 0;
        for (String secret : secretNames) {
            String volume = "secret-" + i++;
            volumes.add(new VolumeBuilder().withName(volume).withNewSecret().withSecretName(secret).endSecret().build());
            mounts.add(new VolumeMountBuilder().withName(volume).withMountPath(SECRETS_DIR + "/" + secret)
                    .withReadOnly(true).build());
        }
        Map<String, String> labels = labels();
        return new DeploymentBuilder().withMetadata(meta())
                .withNewSpec()
                .withReplicas(paused ? 0 : 1)
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).addToAnnotations(CONFIG_HASH, configHash).endMetadata()
                .withNewSpec()
                .withServiceAccountName(serviceAccountName())
                .withNodeSelector(runtime.getNodeSelector())
                .withTolerations(runtime.getTolerations())
                .withVolumes(volumes)
                .withContainers(new ContainerBuilder()
                        .withName("runtime")
                        .withImage(runtime.getImage() != null ? runtime.getImage() : image)
                        .withArgs("run", "--pipeline", PIPELINE_DIR + "/pipeline.yaml", "--secrets-dir", SECRETS_DIR,
                                "--http-port", String.valueOf(HTTP_PORT))
                        .addNewEnv().withName("CAPSTAN_NAMESPACE").withValue(pipeline.getMetadata().getNamespace()).endEnv()
                        .addNewEnv().withName("CAPSTAN_PIPELINE").withValue(pipeline.getMetadata().getName()).endEnv()
                        .addNewPort().withName("http").withContainerPort(HTTP_PORT).endPort()
                        .withLivenessProbe(probe("/health/live", 30))
                        .withReadinessProbe(probe("/health/ready", 5))
                        .withResources(runtime.getResources())
                        .withVolumeMounts(mounts)
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    Service service() {
        return new ServiceBuilder().withMetadata(meta())
                .withNewSpec().withSelector(labels())
                .addNewPort().withName("http").withPort(HTTP_PORT).withTargetPort(new IntOrString("http")).endPort()
                .endSpec().build();
    }

    /**
     * A hash of what the runtime reads at start: the rendered pipeline without {@code spec.snapshot.requests}
     * (the runtime takes new requests live, without a restart), the policy's spec without {@code approvals}
     * (the runtime re-reads them live) and the Secrets' versions (rotated credentials roll the pod).
     */
    String configHash(Map<String, String> secretVersions) {
        CdcPipeline copy = Serialization.clone(pipeline);
        if (copy.getSpec().getSnapshot() != null) {
            copy.getSpec().getSnapshot().setRequests(null);
        }
        String policySpec = "";
        if (policy != null) {
            CdcSchemaPolicySpec spec = Serialization.clone(policy).getSpec();
            spec.setApprovals(null);
            policySpec = Serialization.asJson(spec);
        }
        String text = new RuntimeResources(copy, null, image, secretNames).renderedPipeline() + secretVersions
                + (pipeline.getSpec().getRuntime() == null ? "" : Serialization.asJson(pipeline.getSpec().getRuntime()))
                + image + policySpec;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Probe probe(String path, int periodSeconds) {
        return new ProbeBuilder().withHttpGet(new HTTPGetActionBuilder().withPath(path)
                .withPort(new IntOrString("http")).build()).withPeriodSeconds(periodSeconds)
                .withFailureThreshold(3).build();
    }

    private ObjectMeta meta() {
        return new ObjectMetaBuilder().withName(name(pipeline)).withNamespace(pipeline.getMetadata().getNamespace())
                .withLabels(labels())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(pipeline.getApiVersion())
                        .withKind(pipeline.getKind()).withName(pipeline.getMetadata().getName())
                        .withUid(pipeline.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true)
                        .build())
                .build();
    }
}
