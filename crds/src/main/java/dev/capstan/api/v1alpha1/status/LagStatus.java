package dev.capstan.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How far the pipeline is behind its source. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LagStatus {

    @JsonPropertyDescription("Milliseconds between the commit of the last change in the source and its "
            + "acknowledgement by Kafka.")
    private Long millisBehindSource;

    @JsonPropertyDescription("Latest position read from the source (PostgreSQL LSN such as 0/16B6A90, or MySQL "
            + "binlog file:position / GTID set).")
    private String sourcePosition;

    @JsonPropertyDescription("Latest position whose events Kafka acknowledged and that was confirmed to the source.")
    private String committedPosition;

    public Long getMillisBehindSource() {
        return millisBehindSource;
    }

    public void setMillisBehindSource(Long millisBehindSource) {
        this.millisBehindSource = millisBehindSource;
    }

    public String getSourcePosition() {
        return sourcePosition;
    }

    public void setSourcePosition(String sourcePosition) {
        this.sourcePosition = sourcePosition;
    }

    public String getCommittedPosition() {
        return committedPosition;
    }

    public void setCommittedPosition(String committedPosition) {
        this.committedPosition = committedPosition;
    }
}
