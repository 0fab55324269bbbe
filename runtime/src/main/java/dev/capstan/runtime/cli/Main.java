package dev.capstan.runtime.cli;

import dev.capstan.runtime.config.ConfigException;
import dev.capstan.runtime.config.PipelineConfig;
import dev.capstan.runtime.config.PipelineLoader;
import dev.capstan.runtime.config.PipelineResolver;
import dev.capstan.runtime.config.SecretsDir;
import dev.capstan.runtime.engine.Pipeline;
import dev.capstan.runtime.status.StatusReporter;
import dev.capstan.runtime.engine.RuntimeLimits;
import dev.capstan.runtime.http.RuntimeHttpServer;
import dev.capstan.runtime.metrics.PipelineMetrics;
import java.io.PrintStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code capstan-runtime run --pipeline <CdcPipeline YAML> --secrets-dir <dir> [--http-port 8080]}.
 *
 * <p>Exit codes: 0 stopped cleanly (SIGTERM, Ctrl-C), 1 failed while running, 2 bad arguments or a
 * pipeline that cannot run as written (the message names the field and what to do).
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /** Set when main itself exits, so the shutdown hook does not replace its exit code. */
    private static volatile boolean exiting;

    public static void main(String[] args) {
        // The replication session takes the JVM's time zone; in UTC, timestamptz values take the fast path.
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        int code = run(args, System.out, System.err);
        exiting = true;
        System.exit(code);
    }

    /** Runs the command; returns the exit code. Blocks until the pipeline stops. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("capstan-runtime: " + e.getMessage());
            err.println(Arguments.USAGE);
            return BAD_INPUT;
        }
        if (arguments.help()) {
            out.println(Arguments.USAGE);
            return OK;
        }
        PipelineConfig config;
        PipelineResolver resolver = new PipelineResolver(new SecretsDir(arguments.secretsDir()));
        try {
            config = resolver.resolve(PipelineLoader.loadAll(arguments.pipeline()));
        } catch (ConfigException e) {
            err.println("capstan-runtime: invalid pipeline " + arguments.pipeline() + ":\n" + e.getMessage());
            return BAD_INPUT;
        }
        Pipeline pipeline = new Pipeline(config, RuntimeLimits.defaults());
        try (ManifestWatcher watcher = new ManifestWatcher(arguments.pipeline(), resolver, pipeline, 2_000);
             AutoCloseable reporter = inCluster(pipeline)) {
            return runPipeline(pipeline, arguments.httpPort(), err);
        } catch (Exception e) {
            err.println("capstan-runtime: " + describe(e));
            return FAILED;
        }
    }

    /**
     * In Kubernetes (the operator sets {@code CAPSTAN_NAMESPACE} and {@code CAPSTAN_PIPELINE}): reports the
     * runtime's status fields into the CdcPipeline every 5 s. Elsewhere: nothing.
     */
    private static AutoCloseable inCluster(Pipeline pipeline) {
        String namespace = System.getenv("CAPSTAN_NAMESPACE");
        String name = System.getenv("CAPSTAN_PIPELINE");
        if (namespace == null || name == null || System.getenv("KUBERNETES_SERVICE_HOST") == null) {
            return () -> { };
        }
        io.fabric8.kubernetes.client.KubernetesClient client = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .build();
        StatusReporter reporter = new StatusReporter(client, namespace, name, pipeline, Duration.ofSeconds(5));
        LOG.info("Reporting status to CdcPipeline {}/{}", namespace, name);
        return () -> {
            reporter.close();
            client.close();
        };
    }

    private static int runPipeline(Pipeline pipeline, int httpPort, PrintStream err) {
        PipelineMetrics metrics = new PipelineMetrics(pipeline.config(), pipeline.stats(), pipeline.state(),
                pipeline.window(), () -> pipeline.state().slot() == null ? 0
                        : pipeline.state().slot().getRetainedWalBytes());
        Thread hook = new Thread(() -> {
            if (exiting) {
                return;
            }
            // SIGTERM or Ctrl-C: stop reading, drain, confirm, and exit 0 when that finished in time.
            pipeline.stop();
            boolean stopped = false;
            try {
                stopped = pipeline.awaitStopped(Duration.ofSeconds(9));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info(stopped ? "Stopped cleanly" : "Did not stop within 9 s; exiting anyway");
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(stopped && !"Failed".equals(pipeline.state().state()) ? OK : FAILED);
        }, "capstan-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (RuntimeHttpServer http = new RuntimeHttpServer(httpPort, pipeline::ready, pipeline::status,
                metrics.registry())) {
            LOG.info("HTTP endpoints on port {}: /health/live /health/ready /metrics /status", http.port());
            pipeline.run();
            return OK;
        } catch (ConfigException e) {
            err.println("capstan-runtime: " + e.getMessage());
            return BAD_INPUT;
        } catch (Exception e) {
            err.println("capstan-runtime: pipeline failed: " + describe(e));
            LOG.debug("Pipeline failure", e);
            return FAILED;
        }
    }

    /** The failure and its causes' messages on one line, without a stack trace. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
                text.append(": ").append(c.getMessage());
            }
        }
        return text.toString();
    }
}
