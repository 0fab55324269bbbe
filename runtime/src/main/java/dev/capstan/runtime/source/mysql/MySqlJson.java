package dev.capstan.runtime.source.mysql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import java.io.IOException;
import java.io.StringWriter;

/**
 * MySQL's binary {@code JSON} columns as JSON text. The binlog carries MySQL's binary format, a snapshot reads
 * the text MySQL prints ({@code {"a": [1, 2]}}); both are rewritten to one canonical text: no whitespace between
 * tokens, members in MySQL's stored order, strings escaped as Jackson does, floating-point numbers as Java
 * prints a {@code double}. (MariaDB's JSON is a LONGTEXT and stays the text as stored.) Thread-safe.
 */
final class MySqlJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private MySqlJson() {
    }

    /** The canonical text of a binary JSON value from the binlog. */
    static String fromBinary(byte[] binary) {
        try {
            return canonical(JsonBinary.parseAsString(binary));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a MySQL binary JSON value: " + e.getMessage(), e);
        }
    }

    /** The canonical text of a JSON text. */
    static String canonical(String text) {
        StringWriter out = new StringWriter(text.length());
        try (JsonParser parser = FACTORY.createParser(text); JsonGenerator generator = FACTORY.createGenerator(out)) {
            while (parser.nextToken() != null) {
                generator.copyCurrentEvent(parser);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read JSON text: " + e.getMessage(), e);
        }
        return out.toString();
    }
}
