package dev.capstan.api.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a manifest into the typed model with FAIL_ON_UNKNOWN_PROPERTIES, collecting every unknown field with its path
 * instead of stopping at the first one.
 */
final class TypedParse {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TypedParse() {
    }

    /**
     * Returns {@code "<path>: unknown field"} for every field the model does not know, and {@code "<path>: <reason>"}
     * if the document cannot be read into {@code type} at all.
     */
    static List<String> problems(JsonNode manifest, Class<? extends HasMetadata> type) {
        List<String> problems = new ArrayList<>();
        ObjectReader reader = MAPPER.readerFor(type).withHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                    JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
                problems.add(FieldPath.message(path(parser.getParsingContext()), "unknown field"));
                parser.skipChildren();
                return true;
            }
        });
        try {
            HasMetadata resource = reader.readValue(manifest);
            if (resource.getMetadata() != null) {
                // ObjectMeta keeps unknown fields in a map instead of failing
                resource.getMetadata().getAdditionalProperties().keySet().forEach(name -> problems.add(
                        FieldPath.message(FieldPath.child("metadata", name), "unknown field")));
            }
        } catch (JsonMappingException e) {
            problems.add(FieldPath.message(path(e.getPath()), e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(FieldPath.message("", e.getMessage()));
        }
        return problems;
    }

    /** The path of the field the parser is on: the names and indexes from the root to it. */
    private static String path(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        String path = "";
        for (JsonStreamContext c : chain) {
            path = c.inArray() ? FieldPath.index(path, c.getCurrentIndex()) : FieldPath.child(path, c.getCurrentName());
        }
        return path;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        String path = "";
        for (JsonMappingException.Reference reference : references) {
            path = reference.getFieldName() != null ? FieldPath.child(path, reference.getFieldName())
                    : FieldPath.index(path, reference.getIndex());
        }
        return path;
    }
}
