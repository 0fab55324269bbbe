package dev.capstan.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.status.Condition;
import dev.capstan.api.v1alpha1.status.ConditionStatus;
import dev.capstan.operator.Conditions;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Condition SchemaCompatible and the schema change Events from what the runtime reports in status.schema. */
class SchemaReportTest {

    private static final String HELD = """
            - name: public.bookings
              subject: bookings.public.bookings-value
              version: 3
              compatible: false
              held: true
              review: {pipeline: bookings, table: public.bookings, fingerprint: 9f2c4e1ab37d05c8,
                       changes: ["amount: long -> int (narrowing)"], detectedAt: "2026-11-21T10:00:00Z"}
            """;
    private static final String PUBLISHED = """
            - name: public.rooms
              compatible: false
              review: {pipeline: bookings, table: public.rooms, fingerprint: 0a1b2c3d4e5f6071,
                       changes: ["name: removed"]}
            """;
    private static final String COMPATIBLE = """
            - {name: public.guests, subject: bookings.public.guests-value, version: 1, compatible: true}
            """;

    @Test
    void withoutPolicyTheConditionSaysSo() {
        Condition c = condition(SchemaReport.of(pipeline(false, COMPATIBLE)));
        assertThat(c.getStatus()).isEqualTo(ConditionStatus.TRUE);
        assertThat(c.getReason()).isEqualTo("NoPolicy");
        assertThat(c.getMessage()).contains("spec.schemaPolicyRef is not set");
    }

    @Test
    void compatibleTables() {
        Condition c = condition(SchemaReport.of(pipeline(true, COMPATIBLE)));
        assertThat(c.getStatus()).isEqualTo(ConditionStatus.TRUE);
        assertThat(c.getReason()).isEqualTo("Compatible");
        assertThat(c.getMessage())
                .isEqualTo("the schemas of all 1 table(s) are compatible under CdcSchemaPolicy strict");
        assertThat(condition(SchemaReport.of(pipeline(true, ""))).getMessage())
                .contains("no table schema reported yet");
    }

    @Test
    void heldTableNamesTheChangeAndTheApprovalToAdd() {
        SchemaReport report = SchemaReport.of(pipeline(true, COMPATIBLE + PUBLISHED + HELD));
        Condition c = condition(report);
        assertThat(c.getStatus()).isEqualTo(ConditionStatus.FALSE);
        assertThat(c.getReason()).isEqualTo("SchemaChangeHeld");
        assertThat(c.getMessage()).startsWith("public.bookings: incompatible schema change "
                        + "(amount: long -> int (narrowing)) with fingerprint 9f2c4e1ab37d05c8 is held back: nothing "
                        + "is published until it is approved. To let it through add to CdcSchemaPolicy strict: "
                        + "spec.approvals: - {pipeline: bookings, table: public.bookings, "
                        + "fingerprint: \"9f2c4e1ab37d05c8\"}")
                .contains("; public.rooms: incompatible schema change (name: removed) with fingerprint "
                        + "0a1b2c3d4e5f6071 "
                        + "was published anyway");
        assertThat(report.heldTables()).containsExactly("public.bookings");
        assertThat(report.changes()).extracting(SchemaReport.Change::reason)
                .containsExactly("SchemaChangeHeld", "IncompatibleSchemaPublished");
    }

    @Test
    void publishedAnywayUnderAlert() {
        SchemaReport report = SchemaReport.of(pipeline(true, COMPATIBLE + PUBLISHED));
        Condition c = condition(report);
        assertThat(c.getStatus()).isEqualTo(ConditionStatus.FALSE);
        assertThat(c.getReason()).isEqualTo("IncompatibleSchemaPublished");
        assertThat(c.getMessage()).contains("public.rooms").contains("was published anyway (onIncompatible: Alert)")
                .contains("To acknowledge it add to CdcSchemaPolicy strict: spec.approvals: - {pipeline: bookings, "
                        + "table: public.rooms, fingerprint: \"0a1b2c3d4e5f6071\"}");
        assertThat(report.heldTables()).isEmpty();
    }

    @Test
    void aChangeIsAnnouncedOnce() {
        SchemaReport report = SchemaReport.of(pipeline(true, HELD + PUBLISHED));
        assertThat(report.unannounced(null, Set.of())).extracting(SchemaReport.Change::fingerprint)
                .containsExactly("9f2c4e1ab37d05c8", "0a1b2c3d4e5f6071");
        assertThat(report.unannounced(null, Set.of("9f2c4e1ab37d05c8"))).extracting(SchemaReport.Change::fingerprint)
                .containsExactly("0a1b2c3d4e5f6071");
        Condition previous = condition(SchemaReport.of(pipeline(true, HELD)));
        assertThat(report.unannounced(previous, Set.of())).extracting(SchemaReport.Change::fingerprint)
                .as("the previous condition already named the held change").containsExactly("0a1b2c3d4e5f6071");
        assertThat(report.fingerprints()).containsExactly("9f2c4e1ab37d05c8", "0a1b2c3d4e5f6071");
    }

    private static Condition condition(SchemaReport report) {
        Conditions conditions = new Conditions(List.of(), 1);
        report.condition(conditions);
        return conditions.get(Conditions.SCHEMA_COMPATIBLE);
    }

    static CdcPipeline pipeline(boolean withPolicy, String tables) {
        String yaml = """
                apiVersion: capstan.dev/v1alpha1
                kind: CdcPipeline
                metadata: {name: bookings, namespace: harbor}
                spec:
                  source:
                    postgres: {host: pg, database: harbor, credentialsSecretRef: {name: pg}}
                    tables: [{name: public.bookings}]
                  sink: {kafka: {bootstrapServers: "kafka:9092", topicPrefix: bookings}}
                %s
                status:
                  schema:
                    tables:
                %s""".formatted(withPolicy ? "  format: avro\n  schemaPolicyRef: {name: strict}" : "",
                tables.isEmpty() ? "      []" : tables.indent(6));
        return Serialization.unmarshal(yaml, CdcPipeline.class);
    }
}
