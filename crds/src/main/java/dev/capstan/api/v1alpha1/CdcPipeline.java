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
 * A change data capture pipeline: one PostgreSQL or MySQL/MariaDB source, a set of tables, one Kafka sink.
 * The operator runs one runtime pod per pipeline; the runtime reports progress in {@link CdcPipelineStatus}.
 */
@Group(CdcPipeline.GROUP)
@Version(CdcPipeline.VERSION)
@Plural("cdcpipelines")
@Singular("cdcpipeline")
@ShortNames("cdcp")
@Categories("capstan")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase",
        getDescription = "Lifecycle phase of the pipeline")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        getDescription = "Status of the Ready condition")
@AdditionalPrinterColumn(name = "Lag", jsonPath = ".status.lag.millisBehindSource",
        type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Milliseconds between a change's commit in the source and its acknowledgement by Kafka")
@AdditionalPrinterColumn(name = "Slot", jsonPath = ".status.replicationSlot.retainedWalBytes",
        type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Bytes of WAL the PostgreSQL replication slot keeps on the database server")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class CdcPipeline extends CustomResource<CdcPipelineSpec, CdcPipelineStatus> implements Namespaced {

    public static final String GROUP = "capstan.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String KIND = "CdcPipeline";
}
