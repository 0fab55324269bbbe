package dev.capstan.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The runtime process's last report about itself. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeStatus {

    @JsonPropertyDescription("What the runtime is doing, e.g. Starting, Snapshotting, Streaming, Paused, Stopping, "
            + "Failed.")
    private String state;

    @JsonPropertyDescription("Human-readable detail of the state, e.g. the last error.")
    private String message;

    @JsonPropertyDescription("When the runtime last wrote its status (RFC 3339); an old value means it is stuck or "
            + "gone.")
    private String lastReportTime;

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastReportTime() {
        return lastReportTime;
    }

    public void setLastReportTime(String lastReportTime) {
        this.lastReportTime = lastReportTime;
    }
}
