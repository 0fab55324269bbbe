package dev.capstan.registry;

/**
 * One version of a subject.
 *
 * @param subject the subject
 * @param version its version, from 1
 * @param schema the schema, with its global id
 */
record SubjectVersion(String subject, int version, StoredSchema schema) {
}
