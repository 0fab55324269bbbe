package dev.capstan.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Registered schemas (format avro). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SchemaStatus {

    @JsonPropertyDescription("Current value schema per table.")
    private List<TableSchemaStatus> tables;

    public List<TableSchemaStatus> getTables() {
        return tables;
    }

    public void setTables(List<TableSchemaStatus> tables) {
        this.tables = tables;
    }
}
