package dev.capstan.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.policy.PendingReview;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A policy's pending reviews: the held tables of the pipelines that use it, sorted, named by pipeline. */
class PendingReviewsTest {

    @Test
    void heldReviewsOfThePolicysPipelinesSorted() {
        CdcPipeline bookings = pipeline("bookings", "strict", """
                - {name: public.rooms, compatible: false, held: true,
                   review: {table: public.rooms, fingerprint: bbbbbbbbbbbbbbbb, changes: ["name: removed"],
                            detectedAt: "2026-11-21T10:00:00Z"}}
                - {name: public.bookings, compatible: false, held: true,
                   review: {fingerprint: aaaaaaaaaaaaaaaa, changes: ["amount: long -> int (narrowing)"]}}
                - {name: public.guests, compatible: false,
                   review: {table: public.guests, fingerprint: cccccccccccccccc}}
                - {name: public.ok, compatible: true}
                """);
        CdcPipeline audit = pipeline("audit", "strict", """
                - {name: public.log, compatible: false, held: true,
                   review: {table: public.log, fingerprint: dddddddddddddddd}}
                """);
        CdcPipeline other = pipeline("other", "lenient", """
                - {name: public.x, compatible: false, held: true,
                   review: {table: public.x, fingerprint: eeeeeeeeeeeeeeee}}
                """);

        List<PendingReview> reviews = PendingReviews.of("strict", List.of(bookings, other, audit));

        assertThat(reviews).extracting(r -> r.getPipeline() + "/" + r.getTable() + "/" + r.getFingerprint())
                .containsExactly("audit/public.log/dddddddddddddddd", "bookings/public.bookings/aaaaaaaaaaaaaaaa",
                        "bookings/public.rooms/bbbbbbbbbbbbbbbb");
        assertThat(reviews.get(1).getChanges()).containsExactly("amount: long -> int (narrowing)");
        assertThat(reviews.get(2).getDetectedAt()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(bookings.getStatus().getSchema().getTables().get(1).getReview().getPipeline())
                .as("the pipeline's status is not changed").isNull();
        assertThat(PendingReviews.of("strict", List.of(pipeline("fresh", "strict", "")))).isEmpty();
    }

    private static CdcPipeline pipeline(String name, String policy, String tables) {
        String yaml = """
                apiVersion: capstan.dev/v1alpha1
                kind: CdcPipeline
                metadata: {name: %s, namespace: harbor}
                spec:
                  source:
                    postgres: {host: pg, database: harbor, credentialsSecretRef: {name: pg}}
                    tables: [{name: public.bookings}]
                  sink: {kafka: {bootstrapServers: "kafka:9092", topicPrefix: %s}}
                  format: avro
                  schemaPolicyRef: {name: %s}
                status:
                  schema:
                    tables:
                %s""".formatted(name, name, policy, tables.isEmpty() ? "      []" : tables.indent(6));
        return Serialization.unmarshal(yaml, CdcPipeline.class);
    }
}
