package dev.capstan.operator.pipeline;

import dev.capstan.api.naming.PipelineNames;
import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.DeletionPolicy;
import dev.capstan.api.v1alpha1.SecretRef;
import dev.capstan.api.v1alpha1.source.MySqlSourceSpec;
import dev.capstan.api.v1alpha1.source.PostgresSourceSpec;
import dev.capstan.api.v1alpha1.source.SourceTlsSpec;
import dev.capstan.api.v1alpha1.source.TableSpec;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline's source database as the operator handles it, for either kind of source:
 * <ul>
 *   <li>the Secrets it references (credentials with keys username and password, and the CA of {@code tls});</li>
 *   <li>before the runtime starts: PostgreSQL gets its publication and slot ({@link PostgresObjects}); a
 *       MySQL/MariaDB server is only checked ({@link MySqlChecks}), the binlog needs nothing created;</li>
 *   <li>on delete: PostgreSQL with {@code deletionPolicy: Delete} drops slot and publication; MySQL/MariaDB has
 *       nothing to drop, whatever the policy.</li>
 * </ul>
 *
 * <p>One per reconcile; not thread-safe (it keeps the Secrets it read). Blocks on the database.
 */
final class SourceDatabase {

    private final CdcPipeline pipeline;
    private final Secrets secrets;
    private final PostgresSourceSpec postgres;
    private final MySqlSourceSpec mysql;
    private Secret credentials;
    private Secret ca;

    SourceDatabase(CdcPipeline pipeline, Secrets secrets) {
        this.pipeline = pipeline;
        this.secrets = secrets;
        this.postgres = pipeline.getSpec().getSource().getPostgres();
        this.mysql = pipeline.getSpec().getSource().getMysql();
    }

    /** Reads the credentials Secret and, if {@code tls.caSecretRef} is set, the CA Secret; adds their versions. */
    void requireSecrets(Map<String, String> versions) throws Problem {
        requireCredentials();
        versions.put(credentials.getMetadata().getName(), credentials.getMetadata().getResourceVersion());
        SourceTlsSpec tls = postgres != null ? postgres.getTls() : mysql.getTls();
        if (tls != null && tls.getCaSecretRef() != null) {
            ca = secrets.require(namespace(), tls.getCaSecretRef().getName(), field() + ".tls.caSecretRef", "ca.crt");
            versions.put(ca.getMetadata().getName(), ca.getMetadata().getResourceVersion());
        }
    }

    /**
     * Makes the source ready for the runtime (after {@link #requireSecrets}); returns what it found there.
     *
     * @throws Problem with the reason for condition SourceConnected=False
     */
    SourceState prepare(List<TableSpec> tables) throws Problem {
        if (mysql != null) {
            return new MySqlChecks(mysql, user(), password(), ca == null ? null : Secrets.value(ca, "ca.crt"))
                    .check(tables);
        }
        String slot = slotName();
        String publication = publicationName();
        return SourceState.postgres(new PostgresObjects(postgres, user(), password(), slot, publication)
                .ensure(tables.stream().map(TableSpec::getName).toList()),
                "publication " + publication + " and slot " + slot + " are in place");
    }

    /** On delete, after the runtime stopped: drops what the deletion policy says; returns what happened. */
    String cleanUp() throws Problem {
        if (postgres == null) {
            return "runtime stopped; nothing to drop on the MySQL/MariaDB server (no slot or publication); topics kept";
        }
        if (pipeline.getSpec().getDeletionPolicy() == DeletionPolicy.RETAIN) {
            return "runtime stopped; slot and publication kept (deletionPolicy: Retain); topics kept";
        }
        requireCredentials();
        new PostgresObjects(postgres, user(), password(), slotName(), publicationName()).drop();
        return "runtime stopped; slot " + slotName() + " and publication " + publicationName()
                + " dropped (deletionPolicy: Delete); topics kept";
    }

    private void requireCredentials() throws Problem {
        if ((postgres == null) == (mysql == null)) {
            throw new Problem("SourceInvalid", "spec.source: set exactly one of postgres or mysql");
        }
        SecretRef ref = postgres != null ? postgres.getCredentialsSecretRef() : mysql.getCredentialsSecretRef();
        credentials = secrets.require(namespace(), ref.getName(), field() + ".credentialsSecretRef", "username",
                "password");
    }

    private String slotName() {
        return Optional.ofNullable(postgres.getSlotName()).orElse(PipelineNames.defaultSlotName(namespace(),
                pipeline.getMetadata().getName()));
    }

    private String publicationName() {
        return Optional.ofNullable(postgres.getPublicationName()).orElse(PipelineNames.defaultPublicationName(
                namespace(), pipeline.getMetadata().getName()));
    }

    private String field() {
        return postgres != null ? "spec.source.postgres" : "spec.source.mysql";
    }

    private String namespace() {
        return pipeline.getMetadata().getNamespace();
    }

    private String user() {
        return Secrets.value(credentials, "username");
    }

    private String password() {
        return Secrets.value(credentials, "password");
    }
}
