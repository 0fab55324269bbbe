package dev.capstan.api.v1alpha1.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.Rules;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** How existing rows are read: the initial snapshot and declarative re-snapshots. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Rules.UNIQUE_REQUEST_IDS, message = Rules.UNIQUE_REQUEST_IDS_MESSAGE,
        fieldPath = ".requests", reason = "FieldValueDuplicate")
public class SnapshotSpec {

    @Default("initial")
    @JsonPropertyDescription("initial: snapshot the tables, then stream; never: stream only from the current "
            + "position; initial_only: snapshot, then stop without streaming. Default initial.")
    private SnapshotMode mode = SnapshotMode.INITIAL;

    @Default("10000")
    @Min(1)
    @JsonPropertyDescription("Rows per snapshot chunk (read in primary key order); a restarted snapshot resumes "
            + "after the last finished chunk. Default 10000.")
    private Integer chunkSize = 10000;

    @Default("2")
    @Min(1)
    @Max(64)
    @JsonPropertyDescription("Chunk readers working at the same time, across and within tables, each over its "
            + "own database connection and holding at most one chunk in memory. Default 2.")
    private Integer parallelism = 2;

    @Size(max = 100)
    @JsonPropertyDescription("Re-snapshots: each request is run once and its id then listed in "
            + "status.snapshot.completedRequests. Add a request with a new id to re-read tables while streaming "
            + "goes on. Ids must be unique.")
    private List<SnapshotRequest> requests;

    public SnapshotMode getMode() {
        return mode;
    }

    public void setMode(SnapshotMode mode) {
        this.mode = mode;
    }

    public Integer getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(Integer chunkSize) {
        this.chunkSize = chunkSize;
    }

    public Integer getParallelism() {
        return parallelism;
    }

    public void setParallelism(Integer parallelism) {
        this.parallelism = parallelism;
    }

    public List<SnapshotRequest> getRequests() {
        return requests;
    }

    public void setRequests(List<SnapshotRequest> requests) {
        this.requests = requests;
    }
}
