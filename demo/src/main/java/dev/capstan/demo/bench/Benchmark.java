package dev.capstan.demo.bench;

import dev.capstan.demo.PipelineFiles;
import dev.capstan.api.naming.PipelineNames;
import dev.capstan.registry.RegistryServer;
import dev.capstan.registry.RegistrySettings;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.MariaDbServer;
import dev.capstan.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * The runtime benchmark (run by {@code bench/run}): embedded PostgreSQL and Kafka in this process, the
 * runtime as its own process ({@code java -Xmx256m -jar runtime/target/capstan-runtime.jar}) so its RSS
 * is its own. The broker is warmed up first ({@link BrokerWarmUp}), so the measurements are the runtime's.
 *
 * <ol>
 *   <li>backlog: 1,000,000 events (60 % insert, 30 % update, 10 % delete, 100-row transactions) written
 *       before the runtime starts, then replayed into Kafka: events/s and peak RSS;</li>
 *   <li>latency: a steady 2,000 events/s; p50/p99 from commit to the event being read from Kafka (an upper
 *       bound of commit to Kafka ack);</li>
 *   <li>one 1,000,000-row transaction streamed at -Xmx256m: time and peak RSS;</li>
 *   <li>the initial snapshot of a 1,000,000-row table with two chunk readers: rows/s and peak RSS; then a
 *       re-snapshot of it requested in the spec while the runtime runs;</li>
 *   <li>mysql: the backlog workload on an embedded MariaDB, read from the binlog: events/s and peak RSS.</li>
 * </ol>
 */
public final class Benchmark {

    static final String TABLE = "bench_orders";
    private static final String TABLES = "      - name: public." + TABLE + "\n";
    /** The streaming measurements replay changes only; the snapshot has its own measurement. */
    private static final String NO_SNAPSHOT = "{mode: never}";

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "capstan-demo-logback.xml");
        Path runtimeJar = Path.of(args.length > 0 ? args[0] : "runtime/target/capstan-runtime.jar");
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        java.util.Set<String> parts = java.util.Set.of((args.length > 2 ? args[2] : "backlog,bigtx,snapshot,mysql").split(","));
        if (!Files.isRegularFile(runtimeJar)) {
            System.err.println("benchmark: " + runtimeJar + " not found; build with mvn package -DskipTests first");
            System.exit(2);
        }
        try (PostgresServer pg = PostgresServer.builder().setting("max_wal_size", "4GB").start();
             KafkaBroker kafka = KafkaBroker.builder().start()) {
            BrokerWarmUp.run(kafka, Integer.getInteger("capstan.bench.warmup", 2_000_000));
            StringBuilder report = new StringBuilder("Capstan runtime benchmark, " + java.time.Instant.now() + "\n");
            if (parts.contains("backlog")) {
                report.append(backlog(pg, kafka, runtimeJar, events));
            }
            if (parts.contains("avro")) {
                report.append(avroBacklog(pg, kafka, runtimeJar, events));
            }
            if (parts.contains("bigtx")) {
                report.append(bigTransaction(pg, kafka, runtimeJar, events));
            }
            if (parts.contains("snapshot")) {
                report.append(snapshot(pg, kafka, runtimeJar, events));
            }
            if (parts.contains("mysql")) {
                report.append(mysqlBacklog(kafka, runtimeJar, events));
            }
            System.out.println();
            System.out.println(report);
            Path out = Path.of("bench-results");
            Files.createDirectories(out);
            Files.writeString(out.resolve("runtime.txt"), report);
        }
    }

    private static String backlog(PostgresServer pg, KafkaBroker kafka, Path jar, int events) throws Exception {
        String db = pg.createDatabase("bench");
        createTable(pg, db);
        PipelineFiles pipeline = PipelineFiles.write("bench", "bench", pg, db, kafka, TABLES, NO_SNAPSHOT);
        createSlot(pg, db, pipeline);
        long t0 = System.nanoTime();
        BacklogWriter.write(pg, db, TABLE, events);
        System.out.printf("backlog: wrote %,d events in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);
        try (RuntimeUnderTest runtime = RuntimeUnderTest.start(jar, pipeline)) {
            RuntimeUnderTest.Progress p = runtime.awaitEvents(events, Duration.ofMinutes(10));
            double rate = events / p.streamingSeconds();
            String line1 = String.format(Locale.ROOT, "backlog: %,d events in %.2f s from first event = %,.0f events/s "
                    + "(%.2f s including JVM start and connect); runtime CPU %.1f us/event; CPU steal %.0f %%; "
                    + "peak RSS %d MB (-Xmx256m)%n", events, p.streamingSeconds(), rate, p.totalSeconds(),
                    p.cpuMicrosPer(events), p.stealPercent(), runtime.peakRssMb());
            System.out.print(line1);
            String line2 = LatencyProbe.measure(pg, db, TABLE, kafka.bootstrapServers(), "bench.public." + TABLE,
                    2_000, Duration.ofSeconds(30));
            System.out.print(line2);
            return line1 + line2 + String.format("after latency run: peak RSS %d MB%n", runtime.peakRssMb());
        }
    }

    /** The backlog again, written as Avro with schemas in an embedded capstan-registry. */
    private static String avroBacklog(PostgresServer pg, KafkaBroker kafka, Path jar, int events) throws Exception {
        String db = pg.createDatabase("benchavro");
        createTable(pg, db);
        try (RegistryServer registry = RegistryServer.start(RegistrySettings.builder(kafka.bootstrapServers())
                .host("127.0.0.1").build())) {
            PipelineFiles pipeline = PipelineFiles.write("bench", "benchavro", pg, db, kafka, TABLES, NO_SNAPSHOT)
                    .withAvro(registry.url());
            createSlot(pg, db, pipeline);
            BacklogWriter.write(pg, db, TABLE, events);
            try (RuntimeUnderTest runtime = RuntimeUnderTest.start(jar, pipeline)) {
                RuntimeUnderTest.Progress p = runtime.awaitEvents(events, Duration.ofMinutes(10));
                String line = String.format(Locale.ROOT, "avro backlog: %,d events in %.2f s from first event = "
                        + "%,.0f events/s; second half %,.0f events/s; peak RSS %d MB (-Xmx256m)%n", events,
                        p.streamingSeconds(), events / p.streamingSeconds(), events / 2 / p.secondHalfSeconds(),
                        runtime.peakRssMb());
                System.out.print(line);
                return line;
            }
        }
    }

    private static String bigTransaction(PostgresServer pg, KafkaBroker kafka, Path jar, int rows) throws Exception {
        String db = pg.createDatabase("bigtx");
        createTable(pg, db);
        PipelineFiles pipeline = PipelineFiles.write("bench", "bigtx", pg, db, kafka, TABLES, NO_SNAPSHOT);
        createSlot(pg, db, pipeline);
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("INSERT INTO " + TABLE + " SELECT g, g % 1000, (g % 10000) / 100.0, 'new', "
                    + "repeat('x', 100), now() FROM generate_series(1, " + rows + ") g");
        }
        try (RuntimeUnderTest runtime = RuntimeUnderTest.start(jar, pipeline)) {
            RuntimeUnderTest.Progress p = runtime.awaitEvents(rows, Duration.ofMinutes(10));
            String line = String.format(Locale.ROOT, "one transaction of %,d rows: streamed in %.2f s = %,.0f events/s; "
                    + "peak RSS %d MB (-Xmx256m)%n", rows, p.streamingSeconds(), rows / p.streamingSeconds(),
                    runtime.peakRssMb());
            System.out.print(line);
            return line;
        }
    }

    /**
     * The initial snapshot of a table of {@code rows} rows, chunks of 10,000 rows, two chunk readers (or
     * {@code -Dcapstan.bench.parallelism}), in a just-started runtime (its JIT compiler warming up meanwhile);
     * then, once the machine is quiet (the runtime's JIT compiler done with the queue the first snapshot left), a
     * re-snapshot of the same table requested through {@code spec.snapshot.requests} in the manifest, which
     * the running runtime applies (the steady-state rate).
     */
    private static String snapshot(PostgresServer pg, KafkaBroker kafka, Path jar, int rows) throws Exception {
        String db = pg.createDatabase("snapshot");
        createTable(pg, db);
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("INSERT INTO " + TABLE + " SELECT g, g % 1000, (g % 10000) / 100.0, 'new', "
                    + "repeat('x', 100), now() FROM generate_series(1, " + rows + ") g");
            st.execute("VACUUM ANALYZE " + TABLE);
        }
        int parallelism = Integer.getInteger("capstan.bench.parallelism", 2);
        String flow = "{mode: initial, chunkSize: 10000, parallelism: " + parallelism;
        PipelineFiles pipeline = PipelineFiles.write("bench", "snap", pg, db, kafka, TABLES, flow + "}");
        createSlot(pg, db, pipeline);
        try (RuntimeUnderTest runtime = RuntimeUnderTest.start(jar, pipeline)) {
            RuntimeUnderTest.Progress p = runtime.awaitEvents(rows, Duration.ofMinutes(10));
            String line = String.format(Locale.ROOT, "snapshot of %,d rows (parallelism %d, chunks of 10,000): %.2f s "
                    + "from first row = %,.0f rows/s; second half %,.0f rows/s (%.2f s including JVM start and "
                    + "connect); runtime CPU %.1f us/row; CPU steal %.0f %%; peak RSS %d MB (-Xmx256m)%n", rows,
                    parallelism, p.streamingSeconds(), rows / p.streamingSeconds(), rows / 2 / p.secondHalfSeconds(),
                    p.totalSeconds(), p.cpuMicrosPer(rows), p.stealPercent(), runtime.peakRssMb());
            System.out.print(line);
            // The same table again through spec.snapshot.requests, applied by the running runtime (JIT-compiled by now)
            String again = pipeline.yaml().replace("  snapshot: " + flow + "}",
                    "  snapshot: " + flow + ", requests: [{id: again, tables: [public." + TABLE + "]}]}");
            if (again.equals(pipeline.yaml())) {
                throw new IllegalStateException("cannot add a snapshot request to the bench manifest");
            }
            RuntimeUnderTest.awaitQuietMachine(Duration.ofSeconds(60));
            Files.writeString(pipeline.manifest(), again);
            RuntimeUnderTest.Progress warm = runtime.awaitEvents(rows, rows, Duration.ofMinutes(10));
            String line2 = String.format(Locale.ROOT, "re-snapshot of the same table requested in the spec, on the "
                    + "running runtime: %.2f s from first row = %,.0f rows/s; second half %,.0f rows/s; runtime CPU "
                    + "%.1f us/row; CPU steal %.0f %%; peak RSS %d MB%n", warm.streamingSeconds(),
                    rows / warm.streamingSeconds(), rows / 2 / warm.secondHalfSeconds(), warm.cpuMicrosPer(rows),
                    warm.stealPercent(), runtime.peakRssMb());
            System.out.print(line2);
            return line + line2;
        }
    }

    /**
     * The backlog on MariaDB: the runtime starts once (storing the binlog position it starts from), stops, the
     * backlog is written, and the runtime replays it from the binlog.
     */
    private static String mysqlBacklog(KafkaBroker kafka, Path jar, int events) throws Exception {
        try (MariaDbServer mariadb = MariaDbServer.builder().start()) {
            String db = mariadb.createDatabase("bench");
            MariaDbBacklog.createTable(mariadb, db, TABLE);
            PipelineFiles pipeline = PipelineFiles.writeMySql("bench", "mybench", mariadb, kafka,
                    "      - name: " + db + "." + TABLE + "\n", NO_SNAPSHOT, 4001);
            try (RuntimeUnderTest runtime = RuntimeUnderTest.start(jar, pipeline)) {
                runtime.awaitReady(Duration.ofSeconds(60));
            }
            long t0 = System.nanoTime();
            MariaDbBacklog.write(mariadb, db, TABLE, events);
            System.out.printf("mysql backlog: wrote %,d events in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);
            try (RuntimeUnderTest runtime = RuntimeUnderTest.start(jar, pipeline)) {
                RuntimeUnderTest.Progress p = runtime.awaitEvents(events, Duration.ofMinutes(10));
                String line = String.format(Locale.ROOT, "mysql backlog (MariaDB %s binlog): %,d events in %.2f s from "
                        + "first event = %,.0f events/s; second half %,.0f events/s (%.2f s including JVM start and "
                        + "connect); runtime CPU %.1f us/event; CPU steal %.0f %%; peak RSS %d MB (-Xmx256m)%n",
                        mariadb.serverVersion(), events, p.streamingSeconds(), events / p.streamingSeconds(),
                        events / 2 / p.secondHalfSeconds(), p.totalSeconds(), p.cpuMicrosPer(events), p.stealPercent(),
                        runtime.peakRssMb());
                System.out.print(line);
                return line;
            }
        }
    }

    private static void createTable(PostgresServer pg, String db) throws Exception {
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, customer_id int, amount numeric(12,2), "
                    + "status text, note text, created_at timestamptz)");
        }
    }

    /** The slot exists before the backlog is written, so the runtime replays all of it. */
    private static void createSlot(PostgresServer pg, String db, PipelineFiles pipeline) throws Exception {
        String slot = PipelineNames.defaultSlotName("bench", pipeline.name());
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE PUBLICATION " + slot + " FOR TABLE " + TABLE);
            st.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        }
    }
}
