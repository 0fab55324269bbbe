package dev.capstan.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Progress of snapshots. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SnapshotStatus {

    @JsonPropertyDescription("Progress per table of the running or last snapshot.")
    private List<TableSnapshotStatus> tables;

    @JsonPropertyDescription("Ids of spec.snapshot.requests that are done; a done id is never run again.")
    private List<String> completedRequests;

    public List<TableSnapshotStatus> getTables() {
        return tables;
    }

    public void setTables(List<TableSnapshotStatus> tables) {
        this.tables = tables;
    }

    public List<String> getCompletedRequests() {
        return completedRequests;
    }

    public void setCompletedRequests(List<String> completedRequests) {
        this.completedRequests = completedRequests;
    }
}
