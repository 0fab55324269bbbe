package dev.capstan.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * How Avro schemas of the pipelines that reference this policy evolve: the compatibility level registered in the
 * schema registry, what happens on an incompatible change, and the human approvals that let one through.
 */
@Group(CdcPipeline.GROUP)
@Version(CdcPipeline.VERSION)
@Plural("cdcschemapolicies")
@Singular("cdcschemapolicy")
@ShortNames("cdcsp")
@Categories("capstan")
@AdditionalPrinterColumn(name = "Compatibility", jsonPath = ".spec.compatibility",
        getDescription = "Schema compatibility level enforced in the registry")
@AdditionalPrinterColumn(name = "OnIncompatible", jsonPath = ".spec.onIncompatible",
        getDescription = "What a pipeline does when a table change breaks compatibility")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class CdcSchemaPolicy extends CustomResource<CdcSchemaPolicySpec, CdcSchemaPolicyStatus> implements Namespaced {

    public static final String KIND = "CdcSchemaPolicy";
}
