package dev.capstan.runtime.config;

import java.util.List;

/**
 * A pipeline resolved for running: spec defaults applied, durations parsed, secrets read.
 * Built once by {@link PipelineLoader}; immutable.
 *
 * @param namespace the pipeline's namespace ({@code default} when the manifest has none)
 * @param name      the pipeline's name
 */
public record PipelineConfig(String namespace, String name, PostgresConfig postgres, List<TableConfig> tables,
                             KafkaConfig kafka, SnapshotConfig snapshot) {
}
