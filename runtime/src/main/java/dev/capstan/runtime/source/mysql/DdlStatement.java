package dev.capstan.runtime.source.mysql;

import dev.capstan.runtime.event.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables a DDL statement from the binlog changes: {@code CREATE/ALTER/DROP/RENAME/TRUNCATE TABLE}.
 * Reads only the statement's head (names may be quoted with backticks and qualified with a database);
 * anything else is not a table change.
 *
 * @param kind   CREATE, ALTER, DROP, RENAME or TRUNCATE
 * @param tables the tables named (for RENAME: old and new names in pairs)
 */
record DdlStatement(String kind, List<TableId> tables) {

    private static final String NAME = "(?:`[^`]+`|[\\w$]+)(?:\\s*\\.\\s*(?:`[^`]+`|[\\w$]+))?";
    private static final Pattern HEAD = Pattern.compile(
            "^\\s*(?:/\\*.*?\\*/\\s*)*(CREATE|ALTER|DROP|RENAME|TRUNCATE)\\s+(?:(?:OR\\s+REPLACE|ONLINE|OFFLINE|IGNORE"
                    + "|TEMPORARY)\\s+)*(TABLES?)?\\s*(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NAME_PATTERN = Pattern.compile(NAME);

    /** The table change {@code sql} makes, or null when it changes no table. */
    static DdlStatement parse(String sql, String defaultDatabase) {
        Matcher m = HEAD.matcher(sql);
        if (!m.matches()) {
            return null;
        }
        String kind = m.group(1).toUpperCase(Locale.ROOT);
        boolean tableKeyword = m.group(2) != null;
        if (!tableKeyword && !kind.equals("TRUNCATE")) {
            return null; // CREATE INDEX, DROP DATABASE, ALTER USER ...
        }
        String rest = m.group(3);
        List<TableId> tables = new ArrayList<>();
        if (kind.equals("DROP") || kind.equals("RENAME")) {
            Matcher names = NAME_PATTERN.matcher(rest);
            int at = 0;
            while (names.find(at)) {
                String between = rest.substring(at, names.start()).trim();
                if (!between.isEmpty() && !between.equals(",") && !between.equalsIgnoreCase("TO")) {
                    break;
                }
                String name = names.group();
                if (name.equalsIgnoreCase("TO")) {
                    at = names.end();
                    continue;
                }
                tables.add(id(name, defaultDatabase));
                at = names.end();
            }
        } else {
            Matcher name = NAME_PATTERN.matcher(rest);
            if (name.lookingAt()) {
                tables.add(id(name.group(), defaultDatabase));
            }
        }
        return tables.isEmpty() ? null : new DdlStatement(kind, List.copyOf(tables));
    }

    private static TableId id(String name, String defaultDatabase) {
        List<String> parts = new ArrayList<>();
        Matcher part = Pattern.compile("`([^`]+)`|([\\w$]+)").matcher(name);
        while (part.find()) {
            parts.add(part.group(1) != null ? part.group(1) : part.group(2));
        }
        return parts.size() == 2 ? new TableId(parts.get(0), parts.get(1)) : new TableId(defaultDatabase, parts.get(0));
    }
}
