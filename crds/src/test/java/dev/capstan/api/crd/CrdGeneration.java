package dev.capstan.api.crd;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcSchemaPolicy;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs fabric8's CRD generator (crd-generator-api-v2) on the model; the one place the CRD YAML is produced. */
final class CrdGeneration {

    static final List<String> FILE_NAMES = List.of(
            "cdcpipelines.capstan.dev-v1.yml", "cdcschemapolicies.capstan.dev-v1.yml");

    private CrdGeneration() {
    }

    /** Generates the CRDs into a fresh directory under {@code workDir}; returns file name to content. */
    static Map<String, String> generate(Path workDir) {
        try {
            Path out = Files.createTempDirectory(workDir, "crds");
            new CRDGenerator()
                    .customResourceClasses(CdcPipeline.class, CdcSchemaPolicy.class)
                    .forCRDVersions("v1")
                    .withParallelGenerationEnabled(false)
                    .withPostProcessor(new CRDPostProcessor() {
                        @Override
                        public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
                            return postProcess((CustomResourceDefinition) crd);
                        }
                    })
                    .inOutputDir(out.toFile())
                    .generate();
            Map<String, String> files = new TreeMap<>();
            try (Stream<Path> list = Files.list(out)) {
                for (Path file : list.toList()) {
                    files.put(file.getFileName().toString(), Files.readString(file));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<String, String> KIND_DESCRIPTIONS = Map.of(
            CdcPipeline.KIND, "A change data capture pipeline: streams every committed row change of the selected "
                    + "tables of one PostgreSQL or MySQL/MariaDB database to Kafka, after an optional consistent "
                    + "snapshot.",
            CdcSchemaPolicy.KIND, "How the Avro schemas of the pipelines that reference this policy may evolve: "
                    + "registry, compatibility level, what happens on an incompatible change, human approvals.");

    /**
     * What the generator cannot take from annotations: kubectl shows printer columns in the order the class declares
     * them (the generator sorts them by JSON path), and kubectl explain shows a description of the kind, spec, status.
     */
    private static HasMetadata postProcess(CustomResourceDefinition crd) {
        String kind = crd.getSpec().getNames().getKind();
        Class<?> type = kind.equals(CdcPipeline.KIND) ? CdcPipeline.class : CdcSchemaPolicy.class;
        List<String> declared = Stream.of(type.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            version.getAdditionalPrinterColumns()
                    .sort(Comparator.comparingInt(column -> declared.indexOf(column.getName())));
            JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
            root.setDescription(KIND_DESCRIPTIONS.get(kind));
            root.getProperties().get("spec").setDescription("The desired state, written by the user.");
            root.getProperties().get("status").setDescription("The observed state, written by the operator and the "
                    + "runtime.");
        }
        return crd;
    }
}
