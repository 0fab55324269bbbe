package dev.capstan.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The PostgreSQL replication slot of a pipeline, as reported by pg_replication_slots. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicationSlotStatus {

    @JsonPropertyDescription("Name of the replication slot.")
    private String name;

    @JsonPropertyDescription("Whether a walsender (the runtime) is connected to the slot.")
    private Boolean active;

    @JsonPropertyDescription("pg_replication_slots.wal_status: reserved, extended, unreserved or lost.")
    private String walStatus;

    @JsonPropertyDescription("Bytes of WAL the slot keeps on the server (current WAL LSN minus restart_lsn).")
    private Long retainedWalBytes;

    @JsonPropertyDescription("The slot's confirmed_flush_lsn, e.g. 0/16B6A00: everything before it is in Kafka.")
    private String confirmedFlushLsn;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Boolean getActive() {
        return active;
    }

    public void setActive(Boolean active) {
        this.active = active;
    }

    public String getWalStatus() {
        return walStatus;
    }

    public void setWalStatus(String walStatus) {
        this.walStatus = walStatus;
    }

    public Long getRetainedWalBytes() {
        return retainedWalBytes;
    }

    public void setRetainedWalBytes(Long retainedWalBytes) {
        this.retainedWalBytes = retainedWalBytes;
    }

    public String getConfirmedFlushLsn() {
        return confirmedFlushLsn;
    }

    public void setConfirmedFlushLsn(String confirmedFlushLsn) {
        this.confirmedFlushLsn = confirmedFlushLsn;
    }
}
