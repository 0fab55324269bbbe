package dev.capstan.operator.pipeline;

import dev.capstan.api.v1alpha1.source.MySqlSourceSpec;
import dev.capstan.api.v1alpha1.source.SourceTlsSpec;
import dev.capstan.api.v1alpha1.source.TableSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Checks that a MySQL or MariaDB server can feed a pipeline, before the runtime starts. Nothing is created on the
 * server: the binlog needs no slot or publication. Connects with the MariaDB JDBC driver (which speaks to MySQL too),
 * then checks
 * <ol>
 *   <li>the binlog settings: {@code log_bin} ON, {@code binlog_format=ROW}, {@code binlog_row_image=FULL},
 *       {@code binlog_row_metadata=FULL} (MariaDB 10.5+, MySQL 8.0.1+; without it row events carry no column
 *       names), and a {@code server_id} other than {@code spec.source.mysql.serverId};</li>
 *   <li>the user's global privileges ({@link MySqlGrants});</li>
 *   <li>the tables ({@link MySqlTables}).</li>
 * </ol>
 * Every finding goes into one {@link Problem} (reason of the first, all messages), so the user fixes them in one go.
 * A refused login or an unreachable server fails at once with its own reason.
 *
 * <p>One connection per call; blocks for at most {@value #CONNECT_TIMEOUT_MILLIS} ms to connect plus a few short
 * queries. Thread-safe.
 */
final class MySqlChecks {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;
    private static final int ACCESS_DENIED = 1045;

    private final MySqlSourceSpec spec;
    private final String user;
    private final String password;
    private final String caPem;

    /** @param caPem the CA certificate (PEM) of {@code tls.caSecretRef}, or null */
    MySqlChecks(MySqlSourceSpec spec, String user, String password, String caPem) {
        this.spec = spec;
        this.user = user;
        this.password = password;
        this.caPem = caPem;
    }

    /** Runs the checks; returns the server's binlog retention and a summary for SourceConnected. */
    SourceState check(List<TableSpec> tables) throws Problem {
        try (Connection c = connect()) {
            String where = spec.getHost() + ":" + spec.getPort() + " (" + scalar(c, "SELECT VERSION()") + ")";
            Map<String, String> variables = variables(c);
            List<Problem> found = new ArrayList<>(binlog(variables));
            String account = MySqlTables.account(scalar(c, "SELECT CURRENT_USER()"));
            List<String> missing = MySqlGrants.parse(grants(c)).missing();
            if (!missing.isEmpty()) {
                found.add(new Problem("SourcePermissionDenied", "spec.source.mysql.credentialsSecretRef: user "
                        + account + " lacks " + String.join(", ", missing) + " on *.* (the runtime reads the binlog "
                        + "as a replica; MariaDB 10.5+ calls REPLICATION CLIENT BINLOG MONITOR, either is fine); run "
                        + "GRANT " + String.join(", ", missing) + " ON *.* TO " + account));
            }
            new MySqlTables(c, account).check(tables, found);
            if (!found.isEmpty()) {
                throw Problem.combine("spec.source.mysql: " + where + ": ", found);
            }
            BinlogRetention retention = BinlogRetention.of(variables);
            return SourceState.mysql(retention, "connected to " + where + ": binlog settings, privileges and "
                    + tables.size() + " table(s) are fine; " + retention.setting());
        } catch (SQLException e) {
            throw problem(e);
        }
    }

    private List<Problem> binlog(Map<String, String> variables) {
        List<Problem> found = new ArrayList<>();
        if (!"ON".equalsIgnoreCase(variables.get("log_bin")) && !"1".equals(variables.get("log_bin"))) {
            found.add(new Problem("BinlogDisabled", "log_bin is " + variables.get("log_bin") + "; enable the binlog "
                    + "(start the server with --log-bin and a server_id)"));
        }
        expect(found, variables, "binlog_format", "ROW", "BinlogFormatNotRow");
        expect(found, variables, "binlog_row_image", "FULL", "BinlogRowImageNotFull");
        if (!variables.containsKey("binlog_row_metadata")) {
            found.add(new Problem("BinlogRowMetadataUnsupported", "the server has no binlog_row_metadata, so row "
                    + "events carry no column names; upgrade to MariaDB 10.5+ or MySQL 8.0.1+ and set "
                    + "binlog_row_metadata=FULL"));
        } else {
            expect(found, variables, "binlog_row_metadata", "FULL", "BinlogRowMetadataNotFull");
        }
        if (String.valueOf(spec.getServerId()).equals(variables.get("server_id"))) {
            found.add(new Problem("ServerIdConflict", "spec.source.mysql.serverId " + spec.getServerId() + " is the "
                    + "server's own server_id; choose an id that no server or other binlog reader uses"));
        }
        return found;
    }

    private static void expect(List<Problem> found, Map<String, String> variables, String name, String wanted,
                               String reason) {
        String actual = variables.get(name);
        if (!wanted.equalsIgnoreCase(actual)) {
            found.add(new Problem(reason, name + " is " + actual + "; set " + name + "=" + wanted
                    + " in the server's configuration"));
        }
    }

    private static Map<String, String> variables(Connection c) throws SQLException {
        Map<String, String> variables = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW GLOBAL VARIABLES WHERE "
                + "Variable_name IN ('log_bin', 'binlog_format', 'binlog_row_image', 'binlog_row_metadata', "
                + "'server_id', '" + BinlogRetention.SECONDS + "', '" + BinlogRetention.DAYS + "')")) {
            while (rs.next()) {
                variables.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
        return variables;
    }

    private static List<String> grants(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * TLS unset or {@code disable}: plain TCP, and MySQL 8's caching_sha2_password may fetch the server's RSA key
     * (as the binlog client must too); {@code require}: encrypted, unverified; {@code verify-full}: against the CA
     * of {@code caSecretRef} (else the JVM's trust store) and the host name.
     */
    private Connection connect() throws SQLException {
        SourceTlsSpec tls = spec.getTls();
        String sslMode = tls == null ? "disable" : switch (tls.getMode()) {
            case DISABLE -> "disable";
            case REQUIRE -> "trust";
            case VERIFY_FULL -> "verify-full";
        };
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MILLIS));
        props.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_MILLIS));
        props.setProperty("sslMode", sslMode);
        if ("disable".equals(sslMode)) {
            props.setProperty("allowPublicKeyRetrieval", "true");
        }
        if (caPem != null && "verify-full".equals(sslMode)) {
            props.setProperty("serverSslCert", caPem);
        }
        return DriverManager.getConnection("jdbc:mariadb://" + spec.getHost() + ":" + spec.getPort() + "/", props);
    }

    /**
     * The driver's text goes into the message without its {@code (conn=N)} prefix: the message must stay the same
     * from one attempt to the next, or every retry would change the status and wake the reconciler again.
     */
    private Problem problem(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        String where = "MySQL/MariaDB at " + spec.getHost() + ":" + spec.getPort();
        String detail = String.valueOf(e.getMessage()).replaceFirst("^\\(conn=\\d+\\)\\s*", "");
        if (state.startsWith("28") || e.getErrorCode() == ACCESS_DENIED) {
            return new Problem("SourceAuthenticationFailed", "spec.source.mysql.credentialsSecretRef: " + where
                    + " refused the login of user '" + user + "' (" + detail + "); fix the username/password "
                    + "in the Secret, or the host part of the account", e);
        }
        if (state.startsWith("08")) {
            return new Problem("SourceUnreachable", "spec.source.mysql.host: cannot connect to " + where + " ("
                    + detail + "); check host, port, TLS and that the server is up", e);
        }
        return new Problem("SourceError", where + ": " + detail, e);
    }
}
