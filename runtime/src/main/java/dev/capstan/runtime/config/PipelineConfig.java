package dev.capstan.runtime.config;

import dev.capstan.api.v1alpha1.Format;
import java.util.List;

/**
 * A pipeline resolved for running: spec defaults applied, durations parsed, secrets read.
 * Built once by {@link PipelineLoader}; immutable.
 *
 * @param namespace the pipeline's namespace ({@code default} when the manifest has none)
 * @param name      the pipeline's name
 * @param postgres  the PostgreSQL source, or null for a MySQL one
 * @param mysql     the MySQL/MariaDB source, or null for a PostgreSQL one
 * @param format    json or avro
 * @param policy    the schema policy ({@code spec.schemaPolicyRef}), or null
 */
public record PipelineConfig(String namespace, String name, PostgresConfig postgres, MySqlConfig mysql,
                             List<TableConfig> tables, KafkaConfig kafka, SnapshotConfig snapshot, Format format,
                             SchemaPolicyConfig policy) {

    /** The same pipeline with {@code snapshot} instead. */
    public PipelineConfig withSnapshot(SnapshotConfig snapshot) {
        return new PipelineConfig(namespace, name, postgres, mysql, tables, kafka, snapshot, format, policy);
    }

    /** The same pipeline with {@code format} and {@code policy} instead. */
    public PipelineConfig withFormat(Format format, SchemaPolicyConfig policy) {
        return new PipelineConfig(namespace, name, postgres, mysql, tables, kafka, snapshot, format, policy);
    }
}
