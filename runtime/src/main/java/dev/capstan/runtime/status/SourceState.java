package dev.capstan.runtime.status;

/**
 * What the runtime knows about its connections and positions right now, for {@code /health/ready},
 * {@code /status} and the CR status. Thread-safe: volatile fields, one writer per field.
 */
public final class SourceState {

    private volatile boolean sourceConnected;
    private volatile boolean sinkConnected;
    private volatile String state = "Starting";
    private volatile String message = "";
    private volatile String sourcePosition = "";
    private volatile String committedPosition = "";
    private volatile dev.capstan.api.v1alpha1.status.ReplicationSlotStatus slot;

    public boolean ready() {
        return sourceConnected && sinkConnected;
    }

    public void sourceConnected(boolean connected) {
        this.sourceConnected = connected;
    }

    public void sinkConnected(boolean connected) {
        this.sinkConnected = connected;
    }

    /** Sets the runtime state (Starting, Streaming, Retrying, Stopping, Stopped, Failed) and a message. */
    public void state(String state, String message) {
        this.state = state;
        this.message = message;
    }

    /** The newest position read from the source. */
    public void sourcePosition(String position) {
        this.sourcePosition = position;
    }

    /** The newest position confirmed to the source (everything up to it is in Kafka). */
    public void committedPosition(String position) {
        this.committedPosition = position;
    }

    public boolean sourceConnected() {
        return sourceConnected;
    }

    public boolean sinkConnected() {
        return sinkConnected;
    }

    public String state() {
        return state;
    }

    public String message() {
        return message;
    }

    public String sourcePosition() {
        return sourcePosition;
    }

    public String committedPosition() {
        return committedPosition;
    }

    /** The replication slot as last read from the database, or null (not read yet, or no slot). */
    public dev.capstan.api.v1alpha1.status.ReplicationSlotStatus slot() {
        return slot;
    }

    public void slot(dev.capstan.api.v1alpha1.status.ReplicationSlotStatus slot) {
        this.slot = slot;
    }
}
