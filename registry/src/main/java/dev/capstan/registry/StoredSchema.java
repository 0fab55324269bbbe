package dev.capstan.registry;

import org.apache.avro.Schema;

/**
 * A schema the registry knows, with its global id.
 *
 * @param id the global id
 * @param text the schema's normalized JSON ({@link Schema#toString()}): what the registry stores and answers, and
 *     what decides whether two schemas are the same (the Parsing Canonical Form would not do: it drops defaults,
 *     which change compatibility)
 * @param schema the parsed schema
 */
record StoredSchema(int id, String text, Schema schema) {

    /** {@code schema} with id {@code id}. */
    static StoredSchema of(int id, Schema schema) {
        return new StoredSchema(id, schema.toString(), schema);
    }

    /**
     * Parses an Avro schema, checking default values against their types.
     *
     * @throws org.apache.avro.AvroRuntimeException (a SchemaParseException, AvroTypeException...) if it is invalid
     */
    static Schema parse(String text) {
        return new Schema.Parser().setValidateDefaults(true).parse(text);
    }
}
