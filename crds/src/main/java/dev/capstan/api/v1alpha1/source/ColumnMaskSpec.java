package dev.capstan.api.v1alpha1.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** How one column is masked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ColumnMaskSpec {

    @Required
    @Pattern(Patterns.COLUMN_NAME)
    @JsonPropertyDescription("Column to mask.")
    private String column;

    @Required
    @JsonPropertyDescription("sha256: replace the value by the hex SHA-256 of its text (joins still work); redact: "
            + "replace it by the constant \"****\" (the column stays, its value is hidden).")
    private MaskFunction with;

    public String getColumn() {
        return column;
    }

    public void setColumn(String column) {
        this.column = column;
    }

    public MaskFunction getWith() {
        return with;
    }

    public void setWith(MaskFunction with) {
        this.with = with;
    }
}
