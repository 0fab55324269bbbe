package dev.capstan.runtime.source.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts PostgreSQL array text to a {@link List} of element values: {@code {1,2,NULL}},
 * quoted elements with backslash escapes ({@code {"a b","say \"hi\""}}), nested
 * multi-dimensional arrays ({@code {{1,2},{3,4}}} becomes a list of lists) and arrays with
 * explicit bounds ({@code [0:1]={7,8}}, bounds dropped). An unquoted {@code NULL} is a null
 * element; a quoted {@code "NULL"} is the string. Elements go through the element type's
 * converter. Each call returns a new modifiable list.
 *
 * <p>Immutable and thread-safe.
 */
final class PgArrayConverter implements PgValueConverter {

    private final PgValueConverter element;

    PgArrayConverter(PgValueConverter element) {
        this.element = element;
    }

    @Override
    public List<Object> convert(String text) {
        int start = 0;
        if (text.startsWith("[")) {
            start = text.indexOf('=') + 1;
        }
        Parser parser = new Parser(text, start);
        try {
            List<Object> items = parser.array();
            if (parser.pos != text.length()) {
                throw new IllegalArgumentException("unexpected text after the array in '" + text + "'");
            }
            return items;
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("unterminated array '" + text + "'", e);
        }
    }

    /** A cursor over one array literal. */
    private final class Parser {

        private final String text;
        private int pos;

        Parser(String text, int pos) {
            this.text = text;
            this.pos = pos;
        }

        List<Object> array() {
            expect('{');
            List<Object> items = new ArrayList<>();
            skipSpaces();
            if (text.charAt(pos) == '}') {
                pos++;
                return items;
            }
            while (true) {
                skipSpaces();
                char c = text.charAt(pos);
                if (c == '{') {
                    items.add(array());
                } else if (c == '"') {
                    items.add(element.convert(quoted()));
                } else {
                    items.add(unquoted());
                }
                skipSpaces();
                char separator = text.charAt(pos++);
                if (separator == '}') {
                    return items;
                }
                if (separator != ',') {
                    throw new IllegalArgumentException("expected ',' or '}' at " + (pos - 1) + " in '" + text + "'");
                }
            }
        }

        /** A double-quoted element; a backslash takes the next character literally. */
        private String quoted() {
            pos++;
            StringBuilder out = new StringBuilder();
            char c;
            while ((c = text.charAt(pos++)) != '"') {
                out.append(c == '\\' ? text.charAt(pos++) : c);
            }
            return out.toString();
        }

        /** An unquoted element up to ',' or '}', trailing spaces dropped; null for NULL. */
        private Object unquoted() {
            StringBuilder out = new StringBuilder();
            boolean escaped = false;
            int kept = 0;
            char c;
            while ((c = text.charAt(pos)) != ',' && c != '}') {
                pos++;
                if (c == '\\') {
                    escaped = true;
                    out.append(text.charAt(pos++));
                    kept = out.length();
                } else {
                    out.append(c);
                    kept = Character.isWhitespace(c) ? kept : out.length();
                }
            }
            out.setLength(kept);
            if (out.length() == 0) {
                throw new IllegalArgumentException("empty array element at " + pos + " in '" + text + "'");
            }
            String value = out.toString();
            return !escaped && value.equalsIgnoreCase("NULL") ? null : element.convert(value);
        }

        private void skipSpaces() {
            while (Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private void expect(char c) {
            if (text.charAt(pos) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in '" + text + "'");
            }
            pos++;
        }
    }
}
