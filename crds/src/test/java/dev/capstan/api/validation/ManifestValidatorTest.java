package dev.capstan.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManifestValidatorTest {

    static final String PIPELINE = """
            apiVersion: capstan.dev/v1alpha1
            kind: CdcPipeline
            metadata: {name: bookings, namespace: harbor}
            spec:
              source:
                postgres:
                  host: pg.harbor.svc
                  database: harbor
                  credentialsSecretRef: {name: pg-cdc}
                tables:
                  - name: public.bookings
                    mask: [{column: email, with: sha256}]
              snapshot:
                chunkSize: 10000
                requests:
                  - {id: fix-2026-11-21, tables: [public.bookings]}
              sink:
                kafka:
                  bootstrapServers: kafka.harbor.svc:9092
                  topicPrefix: harbor
              alerts: {maxLag: 5m, maxSlotRetainedBytes: 10Gi}
            """;

    static final String POLICY = """
            apiVersion: capstan.dev/v1alpha1
            kind: CdcSchemaPolicy
            metadata: {name: strict, namespace: harbor}
            spec:
              compatibility: BACKWARD
              registry: {url: "http://registry:8080/apis/ccompat/v7"}
            """;

    private final ManifestValidator validator = new ManifestValidator();

    @Test
    void validManifestsHaveNoErrors() {
        assertThat(validator.validate(PIPELINE)).isEmpty();
        assertThat(validator.validate(POLICY)).isEmpty();
    }

    @Test
    void missingSourceIsRefused() {
        assertThat(errors(pipeline().remove("spec.source.postgres")))
                .containsExactly("spec.source: exactly one of postgres or mysql must be set");
        assertThat(errors(pipeline().remove("spec.source")))
                .containsExactly("spec.source: is required");
    }

    @Test
    void twoSourcesAreRefused() {
        Manifest both = pipeline().set("spec.source.mysql",
                "{host: mysql.harbor.svc, serverId: 7, credentialsSecretRef: {name: my-cdc}}");
        assertThat(errors(both)).containsExactly("spec.source: exactly one of postgres or mysql must be set");
    }

    @Test
    void tableNameMustBeSchemaDotTable() {
        assertThat(errors(pipeline().set("spec.source.tables[0].name", "bookings")))
                .singleElement().asString()
                .startsWith("spec.source.tables[0].name: must be a table as schema.table")
                .endsWith("was \"bookings\"");
    }

    @Test
    void unknownEnumValueIsRefused() {
        assertThat(errors(pipeline().set("spec.snapshot.mode", "full")))
                .containsExactly("spec.snapshot.mode: must be one of [initial, initial_only, never], was \"full\"");
        assertThat(errors(pipeline().set("spec.source.tables[0].mask[0].with", "md5")))
                .containsExactly("spec.source.tables[0].mask[0].with: must be one of [redact, sha256], was \"md5\"");
    }

    @Test
    void negativeChunkSizeIsRefused() {
        assertThat(errors(pipeline().set("spec.snapshot.chunkSize", "-5")))
                .containsExactly("spec.snapshot.chunkSize: must be >= 1, was -5");
    }

    @Test
    void avroNeedsASchemaPolicy() {
        assertThat(errors(pipeline().set("spec.format", "avro")))
                .containsExactly("spec.schemaPolicyRef: schemaPolicyRef is required when format is avro");
        assertThat(errors(pipeline().set("spec.format", "avro").set("spec.schemaPolicyRef", "{name: strict}")))
                .isEmpty();
    }

    @Test
    void duplicateSnapshotRequestIdsAreRefused() {
        Manifest twice = pipeline().set("spec.snapshot.requests",
                "[{id: again, tables: [public.bookings]}, {id: again, tables: [public.bookings]}]");
        assertThat(errors(twice)).containsExactly("spec.snapshot.requests: snapshot request ids must be unique");
    }

    @Test
    void unknownFieldsAreReportedWithTheirPath() {
        Manifest typo = pipeline().set("spec.source.postgres.hots", "pg").set("spec.snapshot.chunksize", "5")
                .set("spec.runtime", "{resources: {request: {cpu: 1}}}").set("metadata.lables", "{a: b}");
        assertThat(errors(typo)).containsExactlyInAnyOrder(
                "spec.source.postgres.hots: unknown field",
                "spec.snapshot.chunksize: unknown field",
                "spec.runtime.resources.request: unknown field",
                "metadata.lables: unknown field");
    }

    @Test
    void wrongTypesNameTheField() {
        assertThat(errors(pipeline().set("spec.source.postgres.port", "five")))
                .containsExactly("spec.source.postgres.port: must be integer, was string");
        assertThat(errors(pipeline().set("spec.alerts.maxSlotRetainedBytes", "[1]")))
                .containsExactly("spec.alerts.maxSlotRetainedBytes: must be integer or string, was array");
    }

    @Test
    void durationsQuantitiesAndNamesAreChecked() {
        assertThat(errors(pipeline().set("spec.alerts.maxLag", "5 minutes")))
                .singleElement().asString().startsWith("spec.alerts.maxLag: must be a duration such as");
        assertThat(errors(pipeline().set("spec.alerts.maxSlotRetainedBytes", "lots")))
                .singleElement().asString().startsWith("spec.alerts.maxSlotRetainedBytes: must be a quantity");
        assertThat(errors(pipeline().set("spec.alerts.maxSlotRetainedBytes", "10737418240"))).isEmpty();
        assertThat(errors(pipeline().set("spec.source.postgres.slotName", "Capstan-Slot")))
                .singleElement().asString().startsWith("spec.source.postgres.slotName: must be 1 to 63 lower-case");
        assertThat(errors(pipeline().set("spec.source.postgres.credentialsSecretRef.name", "PG_CDC")))
                .singleElement().asString()
                .startsWith("spec.source.postgres.credentialsSecretRef.name: must be a Kubernetes name");
    }

    @Test
    void requiredFieldsAreNamed() {
        assertThat(errors(pipeline().remove("spec.sink.kafka.topicPrefix").remove("spec.source.postgres.host")))
                .containsExactlyInAnyOrder("spec.sink.kafka.topicPrefix: is required",
                        "spec.source.postgres.host: is required");
        assertThat(errors(pipeline().set("spec.source.tables", "[]")))
                .containsExactly("spec.source.tables: must have at least 1 item(s), has 0");
        assertThat(errors(pipeline().remove("metadata.name"))).containsExactly("metadata.name: is required");
    }

    @Test
    void kafkaAuthenticationNeedsItsSecret() {
        assertThat(errors(pipeline().set("spec.sink.kafka.authentication", "{type: scram-sha-512}")))
                .containsExactly("spec.sink.kafka.authentication: type tls requires certificateSecretRef, "
                        + "types scram-sha-256 and scram-sha-512 require credentialsSecretRef");
        assertThat(errors(pipeline().set("spec.sink.kafka.authentication",
                "{type: tls, certificateSecretRef: {name: capstan-client}}"))).isEmpty();
    }

    @Test
    void schemaPolicyIsValidatedToo() {
        Manifest policy = Manifest.of(POLICY).set("spec.compatibility", "STRICT").set("spec.onIncompatible", "Ignore")
                .set("spec.approvals", "[{pipeline: bookings, table: public.bookings}]");
        assertThat(validator.validate(policy.node())).containsExactlyInAnyOrder(
                "spec.compatibility: must be one of [BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, "
                        + "FULL, FULL_TRANSITIVE, NONE], was \"STRICT\"",
                "spec.onIncompatible: must be one of [Alert, Allow, Pause], was \"Ignore\"",
                "spec.approvals[0].fingerprint: is required");
    }

    @Test
    void statusAsTheRuntimeWritesItIsValid() {
        Manifest withStatus = pipeline().set("status", """
                {observedGeneration: 3, phase: Streaming,
                 conditions: [{type: Ready, status: "True", reason: Streaming, lastTransitionTime: "2026-11-21T10:00:00Z"}],
                 replicationSlot: {name: capstan_harbor_bookings, active: true, walStatus: reserved,
                                   retainedWalBytes: 1048576, confirmedFlushLsn: 0/16B6A00},
                 lag: {millisBehindSource: 140, sourcePosition: 0/16B6A90, committedPosition: 0/16B6A00},
                 snapshot: {tables: [{name: public.bookings, phase: Done, rowsScanned: 120000, chunksDone: 12,
                                      chunksTotal: 12}], completedRequests: [fix-2026-11-21]},
                 schema: {tables: [{name: public.bookings, subject: harbor.public.bookings-value, version: 3,
                                    compatible: true}]},
                 topics: [harbor.public.bookings], eventsPublished: 1203311,
                 runtime: {state: Streaming, lastReportTime: "2026-11-21T10:00:05Z"}}
                """);
        assertThat(errors(withStatus)).isEmpty();
        assertThat(errors(withStatus.set("status.phase", "Running")))
                .containsExactly("status.phase: must be one of [Degraded, Failed, Paused, Pending, Snapshotting, "
                        + "Streaming], was \"Running\"");
    }

    @Test
    void otherKindsAndBrokenYamlAreRefused() {
        assertThat(validator.validate("apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n"))
                .containsExactly("apiVersion/kind: must be capstan.dev/v1alpha1 CdcPipeline or CdcSchemaPolicy, "
                        + "was 'v1' 'Secret'");
        assertThat(validator.validate("spec: [unclosed")).singleElement().asString()
                .startsWith("<root>: not valid YAML or JSON");
        assertThat(validator.validate("- a list")).containsExactly(
                "<root>: must be an object with apiVersion, kind, metadata and spec");
    }

    private static Manifest pipeline() {
        return Manifest.of(PIPELINE);
    }

    private java.util.List<String> errors(Manifest manifest) {
        return validator.validate(manifest.node());
    }
}
