package dev.capstan.runtime.cli;

import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.PipelineConfig;
import dev.capstan.runtime.config.PipelineLoader;
import dev.capstan.runtime.config.PipelineResolver;
import dev.capstan.runtime.config.SnapshotConfig;
import dev.capstan.runtime.engine.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the pipeline manifest (a file, or a ConfigMap mounted as one, which Kubernetes updates in
 * place) and applies what can change while running: new {@code spec.snapshot.requests} and the schema
 * policy's {@code spec.approvals}. Other changes
 * are logged as needing a restart. A changed manifest that is not valid is reported and ignored.
 *
 * <p>Polls on its own daemon thread.
 */
final class ManifestWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestWatcher.class);
    private final Path manifest;
    private final PipelineResolver resolver;
    private final Pipeline pipeline;
    private final Thread thread;
    private volatile boolean running = true;
    private String applied;

    ManifestWatcher(Path manifest, PipelineResolver resolver, Pipeline pipeline, long intervalMillis) {
        this.manifest = manifest;
        this.resolver = resolver;
        this.pipeline = pipeline;
        this.applied = read();
        this.thread = new Thread(() -> loop(intervalMillis), "capstan-manifest-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop(long intervalMillis) {
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            String text = read();
            if (text != null && !text.equals(applied) && apply(text)) {
                applied = text;
            }
        }
    }

    /** Applies a changed manifest; false when it could not be applied yet (retried on the next poll). */
    private boolean apply(String text) {
        PipelineConfig changed;
        try {
            changed = resolver.resolve(PipelineLoader.parseAll(text));
        } catch (ConfigException e) {
            LOG.warn("The changed pipeline manifest {} is not valid, keeping the running one: {}", manifest,
                    e.getMessage());
            return true;
        }
        if (!withoutRequests(changed).equals(withoutRequests(pipeline.config()))) {
            LOG.warn("The pipeline manifest changed in fields that take effect after a restart; only "
                    + "spec.snapshot.requests apply while running");
        }
        if (!pipeline.applySnapshotRequests(changed.snapshot().requests())) {
            return false;
        }
        pipeline.applySchemaPolicy(changed.policy());
        LOG.info("Applied spec.snapshot.requests and the schema policy's approvals from the changed manifest");
        return true;
    }

    /** The parts that need a restart: all but the requests and the policy's approvals. */
    private static PipelineConfig withoutRequests(PipelineConfig c) {
        SnapshotConfig s = c.snapshot();
        return c.withSnapshot(new SnapshotConfig(s.mode(), s.chunkSize(), s.parallelism(), List.of()))
                .withFormat(c.format(), c.policy() == null ? null : c.policy().withApprovals(java.util.Set.of()));
    }

    private String read() {
        try {
            return Files.readString(manifest);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
