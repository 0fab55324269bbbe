package dev.capstan.api.v1alpha1.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A declarative re-snapshot of some tables, run once per id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SnapshotRequest {

    @Required
    @Pattern(Patterns.K8S_LABEL)
    @Size(max = 63)
    @JsonPropertyDescription("Unique id of the request (lower-case letters, digits, dashes, at most 63), e.g. "
            + "fix-2026-11-21. A request whose id is in status.snapshot.completedRequests is not run again.")
    private String id;

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Tables to re-read, as schema.table; each must be one of spec.source.tables.")
    private List<@Pattern(Patterns.TABLE_NAME) String> tables;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public List<String> getTables() {
        return tables;
    }

    public void setTables(List<String> tables) {
        this.tables = tables;
    }
}
