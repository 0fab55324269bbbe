package dev.capstan.runtime.config;

import dev.capstan.api.naming.PipelineNames;
import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcPipelineSpec;
import dev.capstan.api.v1alpha1.sink.DeliveryGuarantee;
import dev.capstan.api.v1alpha1.snapshot.SnapshotMode;
import dev.capstan.api.v1alpha1.snapshot.SnapshotRequest;
import dev.capstan.api.v1alpha1.snapshot.SnapshotSpec;
import dev.capstan.api.v1alpha1.source.ColumnMaskSpec;
import dev.capstan.api.v1alpha1.source.MaskFunction;
import dev.capstan.api.v1alpha1.source.MySqlSourceSpec;
import dev.capstan.api.v1alpha1.source.PostgresSourceSpec;
import dev.capstan.api.v1alpha1.source.SourceTlsSpec;
import dev.capstan.api.v1alpha1.source.TableSpec;
import dev.capstan.api.v1alpha1.source.TlsMode;
import dev.capstan.runtime.event.TableId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a validated {@link CdcPipeline} into the {@link PipelineConfig} the runtime runs: defaults
 * applied, names derived, durations parsed, credentials read from the secrets directory.
 *
 * <p>Stateless apart from its secrets directory; thread-safe.
 */
public final class PipelineResolver {

    private final SecretsDir secrets;

    public PipelineResolver(SecretsDir secrets) {
        this.secrets = secrets;
    }

    /**
     * @throws ConfigException naming the field when something cannot run (for example a MySQL
     *                         source, which arrives in a later release of the runtime)
     */
    public PipelineConfig resolve(CdcPipeline pipeline) {
        return resolve(new PipelineLoader.Manifest(pipeline, List.of()));
    }

    /** The manifest's pipeline with the schema policy it names (same errors as {@link #resolve(CdcPipeline)}). */
    public PipelineConfig resolve(PipelineLoader.Manifest manifest) {
        CdcPipeline pipeline = manifest.pipeline();
        String namespace = Optional.ofNullable(pipeline.getMetadata().getNamespace()).orElse("default");
        String name = pipeline.getMetadata().getName();
        CdcPipelineSpec spec = pipeline.getSpec();
        if (spec.getSink().getKafka().getDeliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
            throw new ConfigException("spec.sink.kafka.deliveryGuarantee: exactly_once is not available in this "
                    + "runtime yet; use at_least_once (consumers see a change at least once, in order per key)");
        }
        List<TableConfig> tables = tables(spec.getSource().getTables());
        PostgresSourceSpec pg = spec.getSource().getPostgres();
        return new PipelineConfig(namespace, name, pg == null ? null : postgres(namespace, name, pg),
                pg == null ? mysql(spec.getSource().getMysql()) : null,
                tables, new KafkaSettings(secrets).resolve(spec.getSink().getKafka()),
                snapshot(spec.getSnapshot(), tables),
                Optional.ofNullable(spec.getFormat()).orElse(dev.capstan.api.v1alpha1.Format.JSON),
                new SchemaPolicies(secrets).resolve(pipeline, manifest.policies()));
    }

    private PostgresConfig postgres(String namespace, String name, PostgresSourceSpec pg) {
        String[] login = credentials(pg.getCredentialsSecretRef().getName(), "spec.source.postgres");
        SourceTlsSpec tls = pg.getTls();
        String sslMode = tls == null ? "prefer" : switch (tls.getMode()) {
            case DISABLE -> "disable";
            case REQUIRE -> "require";
            case VERIFY_FULL -> "verify-full";
        };
        String slot = Optional.ofNullable(pg.getSlotName())
                .orElse(PipelineNames.defaultSlotName(namespace, name));
        String publication = Optional.ofNullable(pg.getPublicationName())
                .orElse(PipelineNames.defaultPublicationName(namespace, name));
        return new PostgresConfig(pg.getHost(), pg.getPort(), pg.getDatabase(), login[0], login[1], sslMode,
                rootCert(tls), slot, publication,
                Durations.parse(pg.getHeartbeatInterval(), "spec.source.postgres.heartbeatInterval"));
    }

    /** MySQL/MariaDB; TLS modes map to MariaDB Connector/J's {@code sslMode} (require: encrypt, no verification). */
    private MySqlConfig mysql(MySqlSourceSpec my) {
        String[] login = credentials(my.getCredentialsSecretRef().getName(), "spec.source.mysql");
        SourceTlsSpec tls = my.getTls();
        String sslMode = tls == null ? "disable" : switch (tls.getMode()) {
            case DISABLE -> "disable";
            case REQUIRE -> "trust";
            case VERIFY_FULL -> "verify-full";
        };
        return new MySqlConfig(my.getHost(), my.getPort(), login[0], login[1], my.getServerId(), sslMode,
                rootCert(tls), Durations.parse(my.getHeartbeatInterval(), "spec.source.mysql.heartbeatInterval"));
    }

    /** Username and password from Secret {@code secret}, errors naming {@code source}.credentialsSecretRef. */
    private String[] credentials(String secret, String source) {
        String field = source + ".credentialsSecretRef";
        return new String[] {secrets.read(secret, "username", field), secrets.read(secret, "password", field)};
    }

    /** The CA file for verify-full, from the Secret named by {@code tls.caSecretRef}; null otherwise. */
    private String rootCert(SourceTlsSpec tls) {
        return tls != null && tls.getMode() == TlsMode.VERIFY_FULL && tls.getCaSecretRef() != null
                ? secrets.root().resolve(tls.getCaSecretRef().getName()).resolve("ca.crt").toString() : null;
    }

    private static SnapshotConfig snapshot(SnapshotSpec spec, List<TableConfig> tables) {
        SnapshotSpec s = spec == null ? new SnapshotSpec() : spec;
        Set<TableId> captured = new HashSet<>();
        tables.forEach(t -> captured.add(t.id()));
        List<SnapshotConfig.Request> requests = new ArrayList<>();
        List<SnapshotRequest> specs = Optional.ofNullable(s.getRequests()).orElse(List.of());
        for (int i = 0; i < specs.size(); i++) {
            SnapshotRequest r = specs.get(i);
            List<TableId> ids = new ArrayList<>();
            for (int j = 0; j < r.getTables().size(); j++) {
                TableId id = TableId.parse(r.getTables().get(j));
                if (!captured.contains(id)) {
                    throw new ConfigException("spec.snapshot.requests[" + i + "].tables[" + j + "]: table " + id
                            + " is not in spec.source.tables; a re-snapshot can only read captured tables");
                }
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            requests.add(new SnapshotConfig.Request(r.getId(), List.copyOf(ids)));
        }
        return new SnapshotConfig(Optional.ofNullable(s.getMode()).orElse(SnapshotMode.INITIAL),
                Optional.ofNullable(s.getChunkSize()).orElse(10_000),
                Optional.ofNullable(s.getParallelism()).orElse(2), List.copyOf(requests));
    }

    private static List<TableConfig> tables(List<TableSpec> specs) {
        List<TableConfig> tables = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            TableSpec t = specs.get(i);
            Map<String, Mask> masks = new LinkedHashMap<>();
            for (ColumnMaskSpec m : Optional.ofNullable(t.getMask()).orElse(List.of())) {
                masks.put(m.getColumn(), m.getWith() == MaskFunction.REDACT ? Mask.REDACT : Mask.SHA256);
            }
            List<String> keyColumns = Optional.ofNullable(t.getKeyColumns()).orElse(List.of());
            Set<String> excluded = Set.copyOf(Optional.ofNullable(t.getExcludeColumns()).orElse(List.of()));
            TableConfig table = new TableConfig(i, TableId.parse(t.getName()), keyColumns, excluded, masks);
            for (String key : keyColumns) {
                if (excluded.contains(key)) {
                    throw new ConfigException(table.field() + ".excludeColumns: '" + key
                            + "' is a key column and cannot be excluded");
                }
            }
            tables.add(table);
        }
        return tables;
    }
}
