package dev.capstan.runtime.support;

import dev.capstan.registry.client.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads Confluent wire-format records as a plain Avro consumer does: magic byte 0, the 4-byte schema id,
 * the body; the writer schema fetched from the registry by id, the reader schema of the caller's choice.
 */
public final class AvroRecords {

    private final RegistryClient registry;

    public AvroRecords(RegistryClient registry) {
        this.registry = registry;
    }

    /** The schema id of a wire-format record. */
    public static int schemaId(byte[] record) {
        if (record == null || record.length < 5 || record[0] != 0) {
            throw new AssertionError("not a Confluent wire-format record: " + Arrays.toString(record));
        }
        return ByteBuffer.wrap(record, 1, 4).getInt();
    }

    /** Decodes {@code record} with its writer schema. */
    public GenericRecord read(byte[] record) {
        return read(record, null);
    }

    /** Decodes {@code record} written with its writer schema into {@code reader} (null: the writer schema). */
    public GenericRecord read(byte[] record, Schema reader) {
        try {
            Schema writer = registry.schemaById(schemaId(record));
            GenericDatumReader<GenericRecord> datumReader = new GenericDatumReader<>(writer,
                    reader == null ? writer : reader);
            return datumReader.read(null, DecoderFactory.get().binaryDecoder(record, 5, record.length - 5, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (dev.capstan.registry.client.RegistryException e) {
            throw new AssertionError("registry: " + e.getMessage(), e);
        }
    }
}
