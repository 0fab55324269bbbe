package dev.capstan.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capstan.runtime.metrics.PipelineMetrics;
import dev.capstan.runtime.support.Sql;
import dev.capstan.runtime.support.TestPipeline;
import dev.capstan.testing.KafkaBroker;
import dev.capstan.testing.PostgresServer;
import dev.capstan.testing.WithKafka;
import dev.capstan.testing.WithPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** /health/live, /health/ready, /metrics and /status of a running pipeline. */
@WithPostgres
@WithKafka
class RuntimeEndpointsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void endpointsReportHealthMetricsAndStatus(PostgresServer pg, KafkaBroker kafka) throws Exception {
        String db = pg.createDatabase("endpoints");
        Sql.exec(pg, db, "CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (-1), (-2), (-3)");
        try (TestPipeline.Running running = TestPipeline.of("endpoints", pg, db, kafka, List.of("public.t")).start()) {
            var pipeline = running.pipeline();
            PipelineMetrics metrics = new PipelineMetrics(pipeline.config(), pipeline.stats(), pipeline.state(),
                    pipeline.window(), () -> pipeline.state().slot() == null ? 0
                            : pipeline.state().slot().getRetainedWalBytes());
            try (RuntimeHttpServer server = new RuntimeHttpServer(0, pipeline::ready, pipeline::status,
                    metrics.registry());
                 Connection c = pg.connect(db); Statement st = c.createStatement()) {
                st.execute("INSERT INTO t SELECT generate_series(1, 10)");
                String base = "http://127.0.0.1:" + server.port();
                assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
                assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);
                Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode status = new ObjectMapper().readTree(get(base + "/status").body());
                    assertThat(status.get("eventsPublished").asLong()).as("3 snapshot rows and 10 inserts").isEqualTo(13);
                    JsonNode snapshot = status.get("snapshot").get("tables").get(0);
                    assertThat(snapshot.get("name").asText()).isEqualTo("public.t");
                    assertThat(snapshot.get("phase").asText()).isEqualTo("Done");
                    assertThat(snapshot.get("rowsScanned").asLong()).isEqualTo(3);
                    assertThat(snapshot.get("chunksDone").asLong()).isEqualTo(snapshot.get("chunksTotal").asLong());
                    assertThat(status.get("replicationSlot").get("name").asText()).isEqualTo("capstan_test_endpoints");
                    assertThat(status.get("replicationSlot").get("active").asBoolean()).isTrue();
                    assertThat(status.get("lag").get("committedPosition").asText()).contains("/");
                    assertThat(status.get("topics").toString()).contains("endpoints.public.t");
                    assertThat(status.get("runtime").get("state").asText()).isEqualTo("Streaming");
                });
                String scrape = get(base + "/metrics").body();
                assertThat(scrape).contains("capstan_events_published_total{namespace=\"test\",pipeline=\"endpoints\"} 13.0")
                        .contains("capstan_snapshot_rows_total{namespace=\"test\",pipeline=\"endpoints\"} 3.0")
                        .contains("capstan_slot_retained_wal_bytes").contains("capstan_lag_milliseconds");
                pipeline.stop();
                Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(base + "/health/ready").statusCode())
                        .isEqualTo(503));
            }
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
