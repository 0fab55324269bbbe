package dev.capstan.operator.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The global privileges ({@code ON *.*}) of a MySQL or MariaDB user as {@code SHOW GRANTS} prints them, and which
 * of the two the runtime needs globally are missing:
 * <ul>
 *   <li>{@code REPLICATION SLAVE}, to read the binlog as a replica. MariaDB 10.5+ also accepts the alias
 *       {@code REPLICATION REPLICA} and prints it as {@code REPLICATION SLAVE}. {@code REPLICATION SLAVE ADMIN} is
 *       a different privilege (START/STOP SLAVE): MariaDB 11.4 refuses the binlog dump with it alone.</li>
 *   <li>{@code REPLICATION CLIENT}, for the binlog position ({@code SHOW MASTER STATUS}). MariaDB 10.5+ renamed it
 *       {@code BINLOG MONITOR}, and {@code SHOW GRANTS} prints that name; both are accepted.</li>
 * </ul>
 * {@code ALL PRIVILEGES} covers both. {@code SELECT} is checked per table by {@link MySqlTables}, since it may be
 * granted per database or table.
 *
 * <p>MariaDB's {@code SHOW GRANTS} includes the grants of the user's current (default) role; MySQL 8's lists only
 * the role's name, so on MySQL privileges that come only through a role are not seen. Immutable; thread-safe.
 */
final class MySqlGrants {

    /** The privilege to grant, then every name that {@code SHOW GRANTS} may print for it. */
    private static final List<List<String>> NEEDED = List.of(
            List.of("REPLICATION SLAVE", "REPLICATION SLAVE", "REPLICATION REPLICA"),
            List.of("REPLICATION CLIENT", "REPLICATION CLIENT", "BINLOG MONITOR"));
    private static final Pattern GLOBAL = Pattern.compile("^GRANT (.+?) ON \\*\\.\\* TO ", Pattern.CASE_INSENSITIVE);

    private final Set<String> global;

    private MySqlGrants(Set<String> global) {
        this.global = global;
    }

    /** Reads the lines of {@code SHOW GRANTS}; lines that grant on a database, a table or a role are skipped. */
    static MySqlGrants parse(List<String> lines) {
        Set<String> global = new HashSet<>();
        for (String line : lines) {
            Matcher m = GLOBAL.matcher(line.strip());
            if (m.find()) {
                for (String privilege : m.group(1).split(",")) {
                    global.add(privilege.strip().toUpperCase(Locale.ROOT));
                }
            }
        }
        return new MySqlGrants(global);
    }

    /** The privileges to grant on {@code *.*}, in the order of the list above; empty when none is missing. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (global.contains("ALL PRIVILEGES") || global.contains("ALL")) {
            return missing;
        }
        for (List<String> names : NEEDED) {
            if (names.stream().skip(1).noneMatch(global::contains)) {
                missing.add(names.get(0));
            }
        }
        return missing;
    }
}
