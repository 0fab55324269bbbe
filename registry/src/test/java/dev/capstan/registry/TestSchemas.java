package dev.capstan.registry;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/** Avro schemas for tests, written with single quotes for readability. */
public final class TestSchemas {

    private TestSchemas() {
    }

    /** A record {@code Row} with these fields, e.g. {@code row("{'name':'a','type':'int'}")}. */
    public static Schema row(String... fields) {
        return parse(rowText(fields));
    }

    /** The JSON text of {@link #row}. */
    public static String rowText(String... fields) {
        return ("{'type':'record','name':'Row','namespace':'test','fields':["
                + Arrays.stream(fields).collect(Collectors.joining(",")) + "]}").replace('\'', '"');
    }

    /** A field, e.g. {@code field("a", "'int'")} or {@code field("b", "'int'", "0")} with a default. */
    public static String field(String name, String type, String defaultValue) {
        return "{'name':'" + name + "','type':" + type + (defaultValue == null ? "" : ",'default':" + defaultValue)
                + "}";
    }

    public static String field(String name, String type) {
        return field(name, type, null);
    }

    /** An enum type {@code Status} with these symbols and an optional enum default. */
    public static String enumType(String defaultSymbol, String... symbols) {
        return "{'type':'enum','name':'Status','symbols':['" + String.join("','", symbols) + "']"
                + (defaultSymbol == null ? "" : ",'default':'" + defaultSymbol + "'") + "}";
    }

    public static Schema parse(String json) {
        return new Schema.Parser().parse(json.replace('\'', '"'));
    }
}
