package dev.capstan.api.v1alpha1;

/** Regular expressions shared by the schema annotations of the model (compile-time constants). */
public final class Patterns {

    /** A Kubernetes object name (RFC 1123 subdomain), as for Secrets and the Capstan kinds. */
    public static final String K8S_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    /** A Kubernetes label-like identifier (RFC 1123 label). */
    public static final String K8S_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    /** A PostgreSQL replication slot or publication name. */
    public static final String PG_OBJECT_NAME = "^[a-z0-9_]{1,63}$";
    /** A table as {@code schema.table} (PostgreSQL) or {@code database.table} (MySQL), unquoted identifiers. */
    public static final String TABLE_NAME = "^[A-Za-z_][A-Za-z0-9_$]{0,62}\\.[A-Za-z_][A-Za-z0-9_$]{0,62}$";
    /** An unquoted column name. */
    public static final String COLUMN_NAME = "^[A-Za-z_][A-Za-z0-9_$]{0,62}$";
    /** A duration such as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h30m}. */
    public static final String DURATION = "^([0-9]+(ms|s|m|h))+$";
    /** A byte quantity such as {@code 512Mi}, {@code 10Gi}, {@code 1G} or a plain number of bytes (no backslash:
     * it is embedded in JSON by {@link AlertsSpec}). */
    public static final String BYTE_QUANTITY = "^[0-9]+([.][0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";
    /** A host name or IP address (no scheme, no port). */
    public static final String HOST = "^[^\\s/:]+$|^\\[?[0-9A-Fa-f:.]+\\]?$";
    /** A comma-separated list of {@code host:port}. */
    public static final String BOOTSTRAP_SERVERS = "^[^\\s,]+:[0-9]{1,5}(,[^\\s,]+:[0-9]{1,5})*$";
    /** Characters Kafka accepts in a topic name. */
    public static final String TOPIC_PREFIX = "^[a-zA-Z0-9._-]{1,200}$";
    /** An http(s) URL. */
    public static final String HTTP_URL = "^https?://\\S+$";
    /** A lower-case hexadecimal schema fingerprint. */
    public static final String FINGERPRINT = "^[0-9a-f]{8,128}$";

    private Patterns() {
    }
}
