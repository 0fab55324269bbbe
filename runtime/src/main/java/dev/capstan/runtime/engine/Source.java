package dev.capstan.runtime.engine;

/**
 * A database the pipeline captures. {@link #check()} checks prerequisites, {@link #prepare()} creates
 * what is missing; {@link #stream} reads changes until told to stop, reconnecting on retriable errors.
 */
public interface Source {

    /**
     * Checks prerequisites without changing anything in the database. Blocking.
     *
     * @throws dev.capstan.runtime.config.ConfigException when the user must fix something
     */
    void check() throws Exception;

    /** Creates missing replication objects (after {@link #check()} passed). Blocking. */
    void prepare() throws Exception;

    /** Opens chunk readers for snapshots (after {@link #check()} passed). */
    dev.capstan.runtime.snapshot.ChunkReader.Factory chunkReaders();

    /**
     * Streams until {@code running} is false, feeding {@code snapshots} the watermarks and changes it
     * needs, then drains in-flight events for up to {@code drainMillis} and confirms what Kafka
     * acknowledged. Retriable failures reconnect with backoff; fatal ones are thrown.
     */
    void stream(dev.capstan.runtime.snapshot.SnapshotCoordinator snapshots, java.util.function.BooleanSupplier running,
                long drainMillis) throws Exception;
}
