package dev.capstan.registry.client;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject: the subject, the schema's global id, its version within the subject and the schema.
 *
 * @param subject the subject, e.g. {@code harbor.public.bookings-value}
 * @param id the global schema id (the same schema has the same id under every subject)
 * @param version the version within the subject, from 1
 * @param schema the Avro schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
