package dev.capstan.runtime.config;

import java.util.List;

/**
 * A pipeline resolved for running: spec defaults applied, durations parsed, secrets read.
 * Built once by {@link PipelineLoader}; immutable.
 *
 * @param namespace the pipeline's namespace ({@code default} when the manifest has none)
 * @param name      the pipeline's name
 * @param postgres  the PostgreSQL source, or null for a MySQL one
 * @param mysql     the MySQL/MariaDB source, or null for a PostgreSQL one
 */
public record PipelineConfig(String namespace, String name, PostgresConfig postgres, MySqlConfig mysql,
                             List<TableConfig> tables, KafkaConfig kafka, SnapshotConfig snapshot) {

    /** The same pipeline with {@code snapshot} instead. */
    public PipelineConfig withSnapshot(SnapshotConfig snapshot) {
        return new PipelineConfig(namespace, name, postgres, mysql, tables, kafka, snapshot);
    }
}
