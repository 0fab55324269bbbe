package dev.capstan.runtime.engine;

/**
 * A database the pipeline captures. {@link #check()} checks prerequisites, {@link #prepare} creates
 * what is missing; {@link #stream} reads changes until told to stop, reconnecting on retriable errors;
 * {@link #close()} ends what the source runs besides the stream (status polling).
 */
public interface Source extends AutoCloseable {

    /**
     * Checks prerequisites without changing anything in the database. Blocking.
     *
     * @throws dev.capstan.runtime.config.ConfigException when the user must fix something
     */
    void check() throws Exception;

    /**
     * Creates missing replication objects and finds where to start (after {@link #check()} passed), with the
     * pipeline's one offset home {@code offsets}. Blocking.
     */
    void prepare(dev.capstan.runtime.offsets.OffsetStore offsets) throws Exception;

    /** Opens chunk readers for snapshots (after {@link #check()} passed). */
    dev.capstan.runtime.snapshot.ChunkReader.Factory chunkReaders();

    /**
     * Streams until {@code running} is false, feeding {@code snapshots} the watermarks and changes it
     * needs, then drains in-flight events for up to {@code drainMillis} and confirms what Kafka
     * acknowledged. Retriable failures reconnect with backoff; fatal ones are thrown.
     */
    void stream(dev.capstan.runtime.snapshot.SnapshotCoordinator snapshots, java.util.function.BooleanSupplier running,
                long drainMillis) throws Exception;

    @Override
    default void close() {
    }
}
