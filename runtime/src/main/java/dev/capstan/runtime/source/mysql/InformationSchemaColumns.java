package dev.capstan.runtime.source.mysql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link MySqlColumn}s from rows of {@code information_schema.COLUMNS}, ENUM and SET members parsed from
 * {@code COLUMN_TYPE} ({@code enum('it''s','a\\b')}). Stateless.
 */
final class InformationSchemaColumns {

    private InformationSchemaColumns() {
    }

    static MySqlColumn column(ResultSet row) throws SQLException {
        String name = row.getString("COLUMN_NAME");
        String columnType = row.getString("COLUMN_TYPE");
        MySqlType type;
        try {
            type = MySqlType.fromDataType(row.getString("DATA_TYPE"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + name + ": " + e.getMessage(), e);
        }
        boolean unsigned = type.isNumeric() && columnType.toLowerCase(Locale.ROOT).contains(" unsigned");
        int length = switch (type) {
            case BIT -> row.getInt("NUMERIC_PRECISION");
            case CHAR, BINARY, VARCHAR, VARBINARY -> (int) row.getLong("CHARACTER_OCTET_LENGTH");
            default -> 0;
        };
        int precision = type == MySqlType.DECIMAL ? row.getInt("NUMERIC_PRECISION") : 0;
        int scale = type == MySqlType.DECIMAL ? row.getInt("NUMERIC_SCALE") : 0;
        int fsp = type.hasFsp() ? row.getInt("DATETIME_PRECISION") : 0;
        String charset = type.hasCharset() ? row.getString("CHARACTER_SET_NAME") : null;
        List<String> values = type == MySqlType.ENUM || type == MySqlType.SET ? members(columnType) : List.of();
        return new MySqlColumn(name, type, unsigned, length, precision, scale, fsp, charset, values);
    }

    /**
     * The quoted members of {@code enum('a','b')} or {@code set(...)}: a quote inside a member is doubled,
     * a backslash and control characters are escaped as in SQL string literals.
     */
    static List<String> members(String columnType) {
        List<String> members = new ArrayList<>();
        int i = columnType.indexOf('(') + 1;
        while (i > 0 && i < columnType.length() && columnType.charAt(i) == '\'') {
            StringBuilder member = new StringBuilder();
            i++;
            while (true) {
                char c = columnType.charAt(i);
                if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                    member.append('\'');
                    i += 2;
                } else if (c == '\'') {
                    i++;
                    break;
                } else if (c == '\\') {
                    member.append(unescape(columnType.charAt(i + 1)));
                    i += 2;
                } else {
                    member.append(c);
                    i++;
                }
            }
            members.add(member.toString());
            if (i < columnType.length() && columnType.charAt(i) == ',') {
                i++;
            }
        }
        return members;
    }

    private static char unescape(char c) {
        return switch (c) {
            case '0' -> '\0';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'Z' -> '\u001A';
            default -> c;
        };
    }
}
