package dev.capstan.runtime.config;

import java.time.Duration;

/**
 * How to reach the MySQL or MariaDB source, with the credentials already read from the Secret.
 * {@link #toString()} never shows the password.
 *
 * @param serverId   the server id the runtime uses as a replica (unique in the topology)
 * @param sslMode    MariaDB JDBC {@code sslMode}: disable, trust (encrypt, no verification) or verify-full
 * @param sslRootCert path of the CA certificate file for verify-full, or null
 */
public record MySqlConfig(String host, int port, String user, String password, long serverId, String sslMode,
                          String sslRootCert, Duration heartbeatInterval) {

    /** The JDBC URL of the MariaDB driver, without credentials. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:mariadb://").append(host).append(':').append(port)
                .append("/?sslMode=").append(sslMode).append("&connectTimeout=10000");
        if (sslRootCert != null) {
            url.append("&serverSslCert=").append(sslRootCert);
        }
        return url.toString();
    }

    @Override
    public String toString() {
        return "MySqlConfig[" + user + "@" + host + ":" + port + ", serverId=" + serverId + "]";
    }
}
