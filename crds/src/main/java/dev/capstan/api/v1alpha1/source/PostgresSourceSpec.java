package dev.capstan.api.v1alpha1.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.Patterns;
import dev.capstan.api.v1alpha1.SecretRef;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A PostgreSQL source read with logical replication. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresSourceSpec {

    @Required
    @Pattern(Patterns.HOST)
    @JsonPropertyDescription("Host name or IP address of the PostgreSQL server (the primary).")
    private String host;

    @Default("5432")
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("TCP port of the PostgreSQL server. Default 5432.")
    private Integer port = 5432;

    @Required
    @Size(min = 1, max = 63)
    @JsonPropertyDescription("Database to capture; a replication slot belongs to one database.")
    private String database;

    @Required
    @JsonPropertyDescription("Secret with keys username and password of a role with REPLICATION and SELECT on the "
            + "tables (and CREATE on the database, for the operator to create the publication).")
    private SecretRef credentialsSecretRef;

    @JsonPropertyDescription("TLS to the server. Unset: no TLS.")
    private SourceTlsSpec tls;

    @Pattern(Patterns.PG_OBJECT_NAME)
    @JsonPropertyDescription("Name of the logical replication slot (lower-case letters, digits, underscores, at most "
            + "63). Unset: capstan_<namespace>_<name> with dashes turned into underscores.")
    private String slotName;

    @Pattern(Patterns.PG_OBJECT_NAME)
    @JsonPropertyDescription("Name of the publication listing the tables (lower-case letters, digits, underscores, "
            + "at most 63). Unset: the slot name.")
    private String publicationName;

    @Default("10s")
    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("How often the runtime emits a heartbeat so the slot keeps advancing while the captured "
            + "tables are idle (a duration such as 10s or 1m). Default 10s.")
    private String heartbeatInterval = "10s";

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public SecretRef getCredentialsSecretRef() {
        return credentialsSecretRef;
    }

    public void setCredentialsSecretRef(SecretRef credentialsSecretRef) {
        this.credentialsSecretRef = credentialsSecretRef;
    }

    public SourceTlsSpec getTls() {
        return tls;
    }

    public void setTls(SourceTlsSpec tls) {
        this.tls = tls;
    }

    public String getSlotName() {
        return slotName;
    }

    public void setSlotName(String slotName) {
        this.slotName = slotName;
    }

    public String getPublicationName() {
        return publicationName;
    }

    public void setPublicationName(String publicationName) {
        this.publicationName = publicationName;
    }

    public String getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(String heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }
}
