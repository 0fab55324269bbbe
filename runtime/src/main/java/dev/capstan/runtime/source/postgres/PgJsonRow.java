package dev.capstan.runtime.source.postgres;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.capstan.runtime.format.JsonEventFormat;
import dev.capstan.runtime.source.TableLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Writes the JSON objects of snapshot rows (the event's {@code after} and the record key) straight from the
 * text PostgreSQL sends, one {@link PgJsonCell} per column, into one growing buffer: the same bytes
 * {@link JsonEventFormat} writes for the converted row. Values the cells do not write themselves go through
 * the format's own value writer.
 *
 * <p>Not thread-safe: one per chunk reader.
 */
final class PgJsonRow extends OutputStream {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int INITIAL = 64 * 1024;
    private static final int MAX_KEPT = 16 * 1024 * 1024;
    private byte[] buffer = new byte[INITIAL];
    private int position;
    private final JsonGenerator generator;

    PgJsonRow() {
        try {
            generator = FACTORY.createGenerator(this, JsonEncoding.UTF8);
            generator.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a JSON generator", e);
        }
    }

    /**
     * A table's columns as this writer writes them: a cell and the encoded {@code "name":} per source
     * column, the columns of the {@code after} object (not excluded) and of the key, in their order.
     */
    record Columns(PgJsonCell[] cells, byte[][] names, int[] row, int[] key) {

        /** The columns of {@code model}; column {@code i} has type {@code typeOids[i]}. Masked columns are converted. */
        static Columns of(PgTableModel model, int[] typeOids) {
            TableLayout layout = model.layout();
            int n = layout.columnCount();
            PgJsonCell[] cells = new PgJsonCell[n];
            byte[][] names = new byte[n][];
            int kept = 0;
            for (int i = 0; i < n; i++) {
                PgValueConverter converter = model.converter(i);
                if (layout.masked(i)) {
                    int column = i;
                    PgValueConverter plain = converter;
                    converter = text -> layout.masked(column, plain.convert(text), null);
                    cells[i] = PgJsonCell.converted(converter);
                } else {
                    cells[i] = PgJsonCell.of(typeOids[i], converter);
                }
                byte[] quoted = new SerializedString(layout.name(i)).asQuotedUTF8();
                names[i] = new byte[quoted.length + 3];
                names[i][0] = '"';
                System.arraycopy(quoted, 0, names[i], 1, quoted.length);
                names[i][quoted.length + 1] = '"';
                names[i][quoted.length + 2] = ':';
                kept += layout.excluded(i) ? 0 : 1;
            }
            int[] row = new int[kept];
            for (int i = 0, r = 0; i < n; i++) {
                if (!layout.excluded(i)) {
                    row[r++] = i;
                }
            }
            int[] key = new int[layout.keyCount()];
            for (int k = 0; k < key.length; k++) {
                key[k] = layout.keyIndex(k);
            }
            return new Columns(cells, names, row, key);
        }
    }

    /** Empties the buffer (and lets go of it when an unusually wide chunk made it large). */
    void reset() {
        position = 0;
        if (buffer.length > MAX_KEPT) {
            buffer = new byte[INITIAL];
        }
    }

    int position() {
        return position;
    }

    byte[] buffer() {
        return buffer;
    }

    /**
     * Writes the object of the columns {@code which} (indexes into {@code values}) of one row: per column
     * the raw text bytes, or for a column whose cell {@link PgJsonCell#readsText reads text} the text in
     * {@code texts}; SQL NULL where both are null.
     */
    void object(Columns columns, int[] which, byte[][] values, String[] texts) {
        write('{');
        for (int j = 0; j < which.length; j++) {
            int i = which[j];
            if (j > 0) {
                write(',');
            }
            raw(columns.names()[i], 0, columns.names()[i].length);
            if (values[i] == null && texts[i] == null) {
                raw(NULL, 0, NULL.length);
            } else {
                columns.cells()[i].write(values[i], texts[i], this);
            }
        }
        write('}');
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** The key object of a row (as {@link #object} takes it) as a new array; the buffer is left as it was. */
    byte[] key(Columns columns, byte[][] values, String[] texts) {
        int start = position;
        object(columns, columns.key(), values, texts);
        byte[] key = copy(start);
        position = start;
        return key;
    }

    /** The bytes from {@code from} to the current position, as a new array. */
    byte[] copy(int from) {
        return Arrays.copyOfRange(buffer, from, position);
    }

    void raw(byte[] bytes, int offset, int length) {
        reserve(length);
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
    }

    /** A JSON string of bytes that need no escaping. */
    void quoted(byte[] bytes, int offset, int length) {
        reserve(length + 2);
        buffer[position] = '"';
        System.arraycopy(bytes, offset, buffer, position + 1, length);
        buffer[position + length + 1] = '"';
        position += length + 2;
    }

    /** Makes room for {@code length} more bytes at {@link #position}; returns the buffer to write them into. */
    byte[] reserve(int length) {
        if (position + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + length));
        }
        return buffer;
    }

    void advance(int length) {
        position += length;
    }

    /** A converted value, written as {@link JsonEventFormat} writes it. */
    void writeConverted(Object value) {
        try {
            JsonEventFormat.writeValue(generator, value);
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    @Override
    public void write(int b) {
        reserve(1);
        buffer[position++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        raw(bytes, offset, length);
    }
}
