package dev.capstan.demo;

import dev.capstan.runtime.config.PipelineConfig;
import dev.capstan.runtime.config.PipelineLoader;
import dev.capstan.runtime.config.PipelineResolver;
import dev.capstan.runtime.config.SecretsDir;
import dev.capstan.runtime.engine.Pipeline;
import dev.capstan.runtime.engine.RuntimeLimits;
import dev.capstan.registry.RegistryServer;
import dev.capstan.registry.RegistrySettings;
import dev.capstan.registry.client.RegistryClient;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The demo: an embedded PostgreSQL and an embedded Kafka broker, a small booking schema, a pipeline
 * streaming it, a workload writing to it, a one-line live status and sample events read back from
 * Kafka. {@code java -jar demo/target/capstan-demo.jar [--duration 60s] [--rate 500]}; Ctrl-C stops it.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "capstan-demo-logback.xml");
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("capstan-demo: " + e.getMessage() + "\n" + DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new Demo().run(options, System.out));
    }

    int run(DemoOptions options, PrintStream out) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        out.println("capstan demo: starting embedded PostgreSQL and Kafka" + (options.avro()
                ? " and capstan-registry ..." : " ..."));
        try (PostgresServer pg = PostgresServer.builder().start();
             KafkaBroker kafka = KafkaBroker.builder().start();
             RegistryServer registry = options.avro() ? RegistryServer.start(RegistrySettings.builder(
                     kafka.bootstrapServers()).host("127.0.0.1").build()) : null) {
            String db = pg.createDatabase("harbor");
            BookingSchema.create(pg, db);
            PipelineConfig config = pipeline(pg, db, kafka, registry);
            Pipeline pipeline = new Pipeline(config, RuntimeLimits.defaults());
            Thread runner = new Thread(() -> {
                try {
                    pipeline.run();
                } catch (Exception e) {
                    out.println("capstan demo: pipeline failed: " + e.getMessage());
                } finally {
                    done.countDown();
                }
            }, "capstan-pipeline");
            Thread hook = new Thread(pipeline::stop, "capstan-demo-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            runner.start();
            out.printf("capstan demo: PostgreSQL on %s:%d (database %s), Kafka on %s%n", pg.host(), pg.port(), db,
                    kafka.bootstrapServers());
            out.println("capstan demo: streaming public.bookings and public.payments to topics harbor.public.*"
                    + (registry == null ? " as JSON" : " as Avro, schemas in capstan-registry at " + registry.url()
                    + " (CdcSchemaPolicy: BACKWARD, Pause)") + "; Ctrl-C to stop");
            RegistryClient client = registry == null ? null
                    : new RegistryClient(registry.url(), null, null, Duration.ofSeconds(5));
            try (BookingWorkload workload = BookingWorkload.start(pg, db, options.rate());
                 SampleReader samples = SampleReader.start(kafka.bootstrapServers(), out, client);
                 StatusLine status = StatusLine.start(pipeline, out)) {
                long half = Math.min(options.duration().toMillis() / 2, 30_000);
                if (!done.await(half, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    out.println("\ncapstan demo: ALTER TABLE bookings ADD COLUMN notes text -- a compatible change: "
                            + "a new schema version and a notice on harbor.schema-changes");
                    BookingSchema.addNotes(pg, db);
                    if (!done.await(options.duration().toMillis() - half, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        pipeline.stop();
                    }
                }
            }
            runner.join(Duration.ofSeconds(15).toMillis());
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running.
            }
            out.printf("%ncapstan demo: done, %d events published%n", pipeline.stats().eventsPublished());
            return 0;
        }
    }

    private static PipelineConfig pipeline(PostgresServer pg, String db, KafkaBroker kafka, RegistryServer registry)
            throws Exception {
        PipelineFiles files = PipelineFiles.write("harbor", "harbor", pg, db, kafka, """
                      - name: public.bookings
                        mask: [{column: email, with: sha256}]
                      - name: public.payments
                        excludeColumns: [card_token]
                """);
        if (registry != null) {
            files = files.withAvro(registry.url());
        }
        return new PipelineResolver(new SecretsDir(files.secretsDir())).resolve(PipelineLoader.parseAll(files.yaml()));
    }
}
