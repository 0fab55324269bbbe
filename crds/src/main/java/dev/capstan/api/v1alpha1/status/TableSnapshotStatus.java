package dev.capstan.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Snapshot progress of one table. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TableSnapshotStatus {

    @JsonPropertyDescription("Table as schema.table.")
    private String name;

    @JsonPropertyDescription("Pending, Running, Done or Failed.")
    private TableSnapshotPhase phase;

    @JsonPropertyDescription("Rows read so far.")
    private Long rowsScanned;

    @JsonPropertyDescription("Chunks finished so far; a restarted snapshot resumes after the last finished chunk.")
    private Long chunksDone;

    @JsonPropertyDescription("Estimated number of chunks of the table.")
    private Long chunksTotal;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public TableSnapshotPhase getPhase() {
        return phase;
    }

    public void setPhase(TableSnapshotPhase phase) {
        this.phase = phase;
    }

    public Long getRowsScanned() {
        return rowsScanned;
    }

    public void setRowsScanned(Long rowsScanned) {
        this.rowsScanned = rowsScanned;
    }

    public Long getChunksDone() {
        return chunksDone;
    }

    public void setChunksDone(Long chunksDone) {
        this.chunksDone = chunksDone;
    }

    public Long getChunksTotal() {
        return chunksTotal;
    }

    public void setChunksTotal(Long chunksTotal) {
        this.chunksTotal = chunksTotal;
    }
}
