package dev.capstan.api.naming;

import java.util.ArrayList;
import java.util.List;

/**
 * One Kafka topic of a pipeline and what sets it apart: table topics take the spec's partitions; the
 * transaction topic has one partition (its BEGIN/END markers keep commit order); the offsets topic has
 * one partition and is compacted. The runtime (standalone) and the operator create the same set.
 *
 * @param singlePartition one partition, whatever the spec says
 * @param compacted       {@code cleanup.policy=compact}
 */
public record PipelineTopic(String name, boolean singlePartition, boolean compacted) {

    /**
     * The table topics of {@code tables} (as schema.table, in spec order), the transaction topic, the schema
     * changes topic (one partition: one order of all schema changes) and the offsets topic.
     */
    public static List<PipelineTopic> all(String prefix, List<String> tables) {
        List<PipelineTopic> topics = new ArrayList<>();
        for (String t : tables) {
            int dot = t.indexOf('.');
            topics.add(new PipelineTopic(PipelineNames.tableTopic(prefix, t.substring(0, dot), t.substring(dot + 1)),
                    false, false));
        }
        topics.add(new PipelineTopic(PipelineNames.transactionTopic(prefix), true, false));
        topics.add(new PipelineTopic(PipelineNames.schemaChangesTopic(prefix), true, false));
        topics.add(new PipelineTopic(PipelineNames.offsetsTopic(prefix), true, true));
        return topics;
    }

    /** The topics that carry events (what {@code status.topics} lists): all but the offsets topic. */
    public static List<String> eventTopics(String prefix, List<String> tables) {
        return all(prefix, tables).stream().filter(t -> !t.compacted()).map(PipelineTopic::name).toList();
    }
}
