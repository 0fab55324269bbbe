package dev.capstan.api.v1alpha1.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** One captured table. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TableSpec {

    @Required
    @Pattern(Patterns.TABLE_NAME)
    @JsonPropertyDescription("Table as schema.table (PostgreSQL) or database.table (MySQL), e.g. public.bookings.")
    private String name;

    @JsonPropertyDescription("Columns that form the Kafka message key. Only for tables without a primary key; unset: "
            + "the primary key.")
    private List<@Pattern(Patterns.COLUMN_NAME) String> keyColumns;

    @JsonPropertyDescription("Columns left out of the events entirely.")
    private List<@Pattern(Patterns.COLUMN_NAME) String> excludeColumns;

    @JsonPropertyDescription("Columns whose values are masked in the events.")
    private List<ColumnMaskSpec> mask;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<ColumnMaskSpec> getMask() {
        return mask;
    }

    public void setMask(List<ColumnMaskSpec> mask) {
        this.mask = mask;
    }

    public List<String> getKeyColumns() {
        return keyColumns;
    }

    public void setKeyColumns(List<String> keyColumns) {
        this.keyColumns = keyColumns;
    }

    public List<String> getExcludeColumns() {
        return excludeColumns;
    }

    public void setExcludeColumns(List<String> excludeColumns) {
        this.excludeColumns = excludeColumns;
    }
}
