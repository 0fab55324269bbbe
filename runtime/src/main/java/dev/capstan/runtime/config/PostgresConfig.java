package dev.capstan.runtime.config;

import java.time.Duration;

/**
 * How to reach the PostgreSQL source, with the credentials already read from the Secret.
 * {@link #toString()} never shows the password.
 *
 * @param sslMode pgjdbc {@code sslmode}: disable, require or verify-full
 * @param sslRootCert path of the CA certificate file for verify-full, or null
 */
public record PostgresConfig(String host, int port, String database, String user, String password,
                             String sslMode, String sslRootCert, String slotName, String publicationName,
                             Duration heartbeatInterval) {

    /** The JDBC URL, without credentials. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port)
                .append('/').append(database).append("?sslmode=").append(sslMode)
                .append("&ApplicationName=capstan");
        if (sslRootCert != null) {
            url.append("&sslrootcert=").append(sslRootCert);
        }
        return url.toString();
    }

    @Override
    public String toString() {
        return "PostgresConfig[" + user + "@" + host + ":" + port + "/" + database + ", slot=" + slotName
                + ", publication=" + publicationName + "]";
    }
}
