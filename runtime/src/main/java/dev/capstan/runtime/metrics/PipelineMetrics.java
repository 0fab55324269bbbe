package dev.capstan.runtime.metrics;

import dev.capstan.runtime.config.PipelineConfig;
import dev.capstan.runtime.engine.InFlightWindow;
import dev.capstan.runtime.status.PipelineStats;
import dev.capstan.runtime.status.SourceState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.LongSupplier;

/**
 * The runtime's Prometheus metrics, all tagged with the pipeline's namespace and name:
 * {@code capstan_events_published_total}, {@code capstan_snapshot_rows_total}, {@code capstan_lag_milliseconds},
 * {@code capstan_inflight_records}, {@code capstan_inflight_bytes},
 * {@code capstan_slot_retained_wal_bytes}, {@code capstan_source_connected}, plus JVM memory.
 *
 * <p>Thread-safe.
 */
public final class PipelineMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public PipelineMetrics(PipelineConfig config, PipelineStats stats, SourceState state, InFlightWindow window,
                           LongSupplier slotRetainedBytes) {
        Tags tags = Tags.of("namespace", config.namespace(), "pipeline", config.name());
        FunctionCounter.builder("capstan.events.published", stats, PipelineStats::eventsPublished)
                .description("Change events acknowledged by Kafka").tags(tags).register(registry);
        FunctionCounter.builder("capstan.snapshot.rows", stats, PipelineStats::snapshotRows)
                .description("Snapshot rows acknowledged by Kafka").tags(tags).register(registry);
        FunctionCounter.builder("capstan.schema.incompatible.changes", stats, PipelineStats::incompatibleSchemas)
                .description("Incompatible schema changes seen (held, alerted or allowed by the schema policy)")
                .tags(tags).register(registry);
        Gauge.builder("capstan.schema.held.tables", stats, PipelineStats::heldTables)
                .description("Tables whose events are held until an incompatible schema change is approved")
                .tags(tags).register(registry);
        Gauge.builder("capstan.lag.milliseconds", stats, PipelineStats::millisBehindSource)
                .description("How far the newest acknowledged event is behind the newest one read").tags(tags)
                .register(registry);
        Gauge.builder("capstan.inflight.records", window, InFlightWindow::records)
                .description("Records sent to Kafka and not yet acknowledged").tags(tags).register(registry);
        Gauge.builder("capstan.inflight.bytes", window, InFlightWindow::bytes)
                .description("Bytes sent to Kafka and not yet acknowledged").tags(tags).register(registry);
        Gauge.builder("capstan.slot.retained.wal.bytes", slotRetainedBytes, LongSupplier::getAsLong)
                .description("WAL the replication slot keeps on the database's disk").tags(tags).register(registry);
        Gauge.builder("capstan.source.connected", state, s -> s.sourceConnected() ? 1 : 0)
                .description("1 while the replication stream is open").tags(tags).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
