package dev.capstan.runtime.schema;

import dev.capstan.api.naming.PipelineNames;
import dev.capstan.api.v1alpha1.policy.IncompatibleChangeAction;
import dev.capstan.api.v1alpha1.policy.PendingReview;
import dev.capstan.registry.compat.CompatibilityMode;
import dev.capstan.runtime.config.SchemaPolicyConfig;
import dev.capstan.runtime.engine.Backoff;
import dev.capstan.runtime.event.Row;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.format.AvroSchemas;
import dev.capstan.runtime.status.PipelineStats;
import dev.capstan.runtime.status.SourceState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, before the first event of a table is written with a schema, whether that schema may be used: a
 * registered one is used at once; a new one is checked against the subject's versions under the policy's
 * compatibility level, then registered (compatible, Alert, Allow) or held (Pause) until an approval with its
 * fingerprint arrives ({@link #policy(SchemaPolicyConfig)}). While a table is held the calling thread waits
 * here, so nothing after the change is published and no position past it is acknowledged. A registry that
 * cannot be reached is retried (with backoff) in the same way: nothing is skipped.
 *
 * <p>Thread-safe: the publisher thread and the snapshot chunk workers call {@link #admit} concurrently; new
 * schemas are decided one at a time.
 */
public final class SchemaGate {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaGate.class);
    /** Row layouts remembered by identity (each source session and chunk reader makes its own). */
    private static final int MAX_LAYOUTS = 10_000;
    private final String pipeline;
    private final String topicPrefix;
    private final String connector;
    private final SchemaVersions versions;
    private final PipelineStats stats;
    private final SourceState state;
    private final BooleanSupplier running;
    private final long pollMillis;
    private volatile SchemaPolicyConfig policy;
    private final Map<Row.Columns, TableSchema> byColumns = new ConcurrentHashMap<>();
    private final Map<String, TableSchema> byFingerprint = new ConcurrentHashMap<>();
    private final Map<TableId, TableSchema> current = new ConcurrentHashMap<>();
    private final SchemaReport report = new SchemaReport();
    private final Queue<SchemaNotice> notices = new ConcurrentLinkedQueue<>();

    /**
     * @param policy  the pipeline's policy; null for a pipeline without one (every change passes)
     * @param running false once the pipeline stops: a held or retrying {@link #admit} then gives up
     */
    public SchemaGate(String pipeline, String topicPrefix, String connector, SchemaVersions versions,
                      SchemaPolicyConfig policy, PipelineStats stats, SourceState state, BooleanSupplier running,
                      long pollMillis) {
        this.pipeline = pipeline;
        this.topicPrefix = topicPrefix;
        this.connector = connector;
        this.versions = versions;
        this.policy = policy;
        this.stats = stats;
        this.state = state;
        this.running = running;
        this.pollMillis = pollMillis;
    }

    /**
     * The registered schemas to write an event of {@code table} with these row and key columns. Blocks while
     * the schema is held for review or the registry is unreachable.
     *
     * @throws InterruptedException when interrupted, or when the pipeline stops while waiting
     * @throws SchemaStoreException when the registry refuses for a reason retrying cannot fix
     */
    public TableSchema admit(TableId table, Row.Columns row, Row.Columns key)
            throws InterruptedException, SchemaStoreException {
        TableSchema known = byColumns.get(row);
        if (known != null) {
            return known;
        }
        return decide(table, row, key);
    }

    private synchronized TableSchema decide(TableId table, Row.Columns row, Row.Columns key)
            throws InterruptedException, SchemaStoreException {
        Schema rowSchema = AvroSchemas.row(topicPrefix, table, row, key);
        Schema value = AvroSchemas.envelope(rowSchema, connector);
        Schema keySchema = AvroSchemas.key(topicPrefix, table, key);
        String fingerprint = fingerprint(value, keySchema);
        TableSchema known = byFingerprint.get(fingerprint);
        if (known == null) {
            known = retrying(() -> resolve(table, rowSchema, value, keySchema, fingerprint));
            byFingerprint.put(fingerprint, known);
        }
        if (byColumns.size() >= MAX_LAYOUTS) {
            byColumns.clear(); // layouts of past sessions; the ones in use come back through byFingerprint
        }
        byColumns.put(row, known);
        current.put(table, known);
        report.using(table, subject(table, "value"), known.version());
        return known;
    }

    private TableSchema resolve(TableId table, Schema rowSchema, Schema value, Schema keySchema, String fingerprint)
            throws InterruptedException, SchemaStoreException {
        String valueSubject = subject(table, "value");
        String keySubject = subject(table, "key");
        var found = versions.find(valueSubject, value);
        if (found.isPresent()) {
            var keyVersion = versions.register(keySubject, keySchema, true);
            return new TableSchema(table, keySchema, keyVersion.id(), value, found.get().id(), found.get().version(),
                    fingerprint);
        }
        List<SchemaVersions.Version> history = versions.history(valueSubject);
        SchemaPolicyConfig current = policy;
        CompatibilityMode mode = current == null ? CompatibilityMode.NONE : current.compatibility();
        List<String> violations = mode.violations(value, history.stream().map(SchemaVersions.Version::schema).toList());
        SchemaVersions.Version latest = history.isEmpty() ? null : history.get(history.size() - 1);
        List<String> changes = SchemaDiff.changes(latest == null ? null : rowOf(latest.schema()), rowSchema);
        String action = "Registered";
        if (!violations.isEmpty()) {
            action = incompatible(table, fingerprint, changes, violations);
        }
        // the policy decided: the registry's own level of the subject does not get a second say
        var valueVersion = versions.register(valueSubject, value, true);
        var keyVersion = versions.register(keySubject, keySchema, true);
        if (latest != null) {
            notices.add(new SchemaNotice(table, latest.version(), valueVersion.version(), changes, violations.isEmpty(),
                    fingerprint, action, rowSchema.toString(), System.currentTimeMillis()));
            LOG.info("Table {}: schema version {} -> {} ({}): {}", table, latest.version(), valueVersion.version(),
                    action, String.join("; ", changes));
        }
        if (!"Alerted".equals(action)) {
            report.resolved(table);
            stats.heldTables(report.heldCount());
        }
        return new TableSchema(table, keySchema, keyVersion.id(), value, valueVersion.id(), valueVersion.version(),
                fingerprint);
    }

    /** An incompatible schema: flags it, holds it under Pause until approved; returns the action taken. */
    private String incompatible(TableId table, String fingerprint, List<String> changes, List<String> violations)
            throws InterruptedException {
        stats.incompatibleSchema();
        PendingReview review = new PendingReview();
        review.setPipeline(pipeline);
        review.setTable(table.toString());
        review.setFingerprint(fingerprint);
        review.setChanges(changes.isEmpty() ? violations : changes);
        review.setDetectedAt(Instant.now().toString());
        SchemaPolicyConfig current = policy;
        IncompatibleChangeAction action = current == null ? IncompatibleChangeAction.ALLOW : current.onIncompatible();
        if (action == IncompatibleChangeAction.ALLOW) {
            LOG.info("Table {}: incompatible schema {} published (policy onIncompatible: Allow): {}", table,
                    fingerprint, String.join("; ", review.getChanges()));
            return "Allowed";
        }
        if (action == IncompatibleChangeAction.ALERT) {
            report.flagged(table, review, false);
            LOG.warn("Table {}: incompatible schema {} published anyway (policy onIncompatible: Alert): {}", table,
                    fingerprint, String.join("; ", review.getChanges()));
            return "Alerted";
        }
        if (current.approved(table, fingerprint)) {
            return "Approved";
        }
        report.flagged(table, review, true);
        stats.heldTables(report.heldCount());
        LOG.warn("Table {}: incompatible schema change held, nothing more is published until it is approved: {}. "
                + "To let it through add {{pipeline: {}, table: {}, fingerprint: \"{}\"}} to spec.approvals of "
                + "CdcSchemaPolicy {}", table, String.join("; ", review.getChanges()), pipeline, table, fingerprint,
                current.name());
        while (!policy.approved(table, fingerprint)) {
            if (!running.getAsBoolean()) {
                throw new InterruptedException("stopping while the schema change of " + table + " is held");
            }
            Thread.sleep(pollMillis);
        }
        LOG.info("Table {}: schema {} approved; publishing again", table, fingerprint);
        return "Approved";
    }

    /** Runs {@code step}, retrying while the registry is unreachable (status Retrying meanwhile). */
    private <T> T retrying(Step<T> step) throws InterruptedException, SchemaStoreException {
        Backoff backoff = new Backoff();
        String before = null;
        String beforeMessage = null;
        while (true) {
            try {
                T result = step.run();
                if (before != null) {
                    LOG.info("Schema registry reachable again");
                    state.state(before, beforeMessage);
                }
                return result;
            } catch (SchemaStoreException e) {
                if (!e.retriable()) {
                    throw e;
                }
                if (before == null) {
                    before = state.state();
                    beforeMessage = state.message();
                    LOG.warn("{}; retrying, nothing is published meanwhile", e.getMessage());
                }
                state.state("Retrying", e.getMessage() + "; retrying, nothing is published meanwhile");
                if (!running.getAsBoolean()) {
                    throw new InterruptedException("stopping while the schema registry is unreachable");
                }
                Thread.sleep(backoff.nextDelayMillis());
            }
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws InterruptedException, SchemaStoreException;
    }

    /**
     * The schemas last admitted for {@code table}, or else its latest registered ones (a truncate right after a
     * restart): for events without row images. Null for a table that has no schema yet. Retries like
     * {@link #admit}.
     */
    public TableSchema current(TableId table) throws InterruptedException, SchemaStoreException {
        TableSchema known = current.get(table);
        return known != null ? known : latest(table);
    }

    private synchronized TableSchema latest(TableId table) throws InterruptedException, SchemaStoreException {
        return retrying(() -> {
            List<SchemaVersions.Version> values = versions.history(subject(table, "value"));
            List<SchemaVersions.Version> keys = versions.history(subject(table, "key"));
            if (values.isEmpty() || keys.isEmpty()) {
                return null;
            }
            SchemaVersions.Version value = values.get(values.size() - 1);
            SchemaVersions.Version key = keys.get(keys.size() - 1);
            TableSchema latest = new TableSchema(table, key.schema(), key.id(), value.schema(), value.id(),
                    value.version(), fingerprint(value.schema(), key.schema()));
            current.put(table, latest);
            return latest;
        });
    }

    /** Registers a schema of Capstan's own (markers, notices) under {@code subject}; returns its id. Retries. */
    public int registerFixed(String subject, Schema schema) throws InterruptedException, SchemaStoreException {
        return retrying(() -> versions.register(subject, schema, false)).id();
    }

    /** Takes a changed policy (new approvals) while running. */
    public void policy(SchemaPolicyConfig changed) {
        this.policy = changed;
        report.acknowledge(changed::approved);
    }

    /** The schema notices waiting to be published, oldest first; each is returned once. */
    public SchemaNotice nextNotice() {
        return notices.poll();
    }

    /** What {@code status.schema.tables} reports now. */
    public List<dev.capstan.api.v1alpha1.status.TableSchemaStatus> status() {
        return report.tables();
    }

    private String subject(TableId table, String part) {
        return PipelineNames.tableTopic(topicPrefix, table.schema(), table.table()) + "-" + part;
    }

    /** The row record inside an envelope's {@code after} union. */
    private static Schema rowOf(Schema envelope) {
        Schema after = envelope.getField("after") == null ? null : envelope.getField("after").schema();
        if (after == null) {
            return null;
        }
        return after.getTypes().stream().filter(s -> s.getType() == Schema.Type.RECORD).findFirst().orElse(null);
    }

    /** 16 hex digits of the SHA-256 of the value and key schemas' canonical forms. */
    static String fingerprint(Schema value, Schema key) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(SchemaNormalization.toParsingForm(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(SchemaNormalization.toParsingForm(key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
