package dev.capstan.operator.pipeline;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.status.Condition;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One Warning Event per incompatible schema change (per fingerprint) of a pipeline, {@code SchemaChangeHeld} or
 * {@code IncompatibleSchemaPublished}, never one per reconcile. A fingerprint counts as announced when the previous
 * SchemaCompatible condition already names it (so an operator restart does not repeat it) or when this operator
 * announced it before (so a reconcile that still sees the status from before its own patch does not repeat it).
 *
 * <p>Thread-safe.
 */
final class SchemaEvents {

    private final Map<String, Set<String>> announced = new ConcurrentHashMap<>();

    /** Records an Event for every change in {@code report} not announced yet. */
    void announce(CdcPipeline pipeline, SchemaReport report, Condition previous, Events events) {
        String uid = pipeline.getMetadata().getUid();
        Set<String> before = announced.getOrDefault(uid, Set.of());
        for (SchemaReport.Change change : report.unannounced(previous, before)) {
            events.warning(change.reason(), change.message());
        }
        announced.put(uid, report.fingerprints().collect(Collectors.toUnmodifiableSet()));
    }

    void forget(CdcPipeline pipeline) {
        announced.remove(pipeline.getMetadata().getUid());
    }
}
