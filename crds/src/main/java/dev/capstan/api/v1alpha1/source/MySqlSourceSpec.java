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

/** A MySQL or MariaDB source read from the row binlog. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MySqlSourceSpec {

    @Required
    @Pattern(Patterns.HOST)
    @JsonPropertyDescription("Host name or IP address of the MySQL or MariaDB server.")
    private String host;

    @Default("3306")
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("TCP port of the server. Default 3306.")
    private Integer port = 3306;

    @Required
    @JsonPropertyDescription("Secret with keys username and password of a user with REPLICATION SLAVE, "
            + "REPLICATION CLIENT and SELECT on the tables.")
    private SecretRef credentialsSecretRef;

    @Required
    @Min(1)
    @Max(4294967295.0)
    @JsonPropertyDescription("Server id the runtime uses as a replica; must differ from every server and other "
            + "binlog client in the replication topology (1 to 4294967295).")
    private Long serverId;

    @JsonPropertyDescription("TLS to the server. Unset: no TLS.")
    private SourceTlsSpec tls;

    @Default("10s")
    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("Interval of the binlog heartbeat the server sends while no event arrives (a duration "
            + "such as 10s or 1m), so a dead connection is noticed. Default 10s.")
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

    public SecretRef getCredentialsSecretRef() {
        return credentialsSecretRef;
    }

    public void setCredentialsSecretRef(SecretRef credentialsSecretRef) {
        this.credentialsSecretRef = credentialsSecretRef;
    }

    public Long getServerId() {
        return serverId;
    }

    public void setServerId(Long serverId) {
        this.serverId = serverId;
    }

    public SourceTlsSpec getTls() {
        return tls;
    }

    public void setTls(SourceTlsSpec tls) {
        this.tls = tls;
    }

    public String getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(String heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }
}
