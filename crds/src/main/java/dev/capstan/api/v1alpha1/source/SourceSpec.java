package dev.capstan.api.v1alpha1.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.capstan.api.v1alpha1.Rules;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The source database (exactly one of postgres or mysql) and the tables to capture. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Rules.ONE_SOURCE, message = Rules.ONE_SOURCE_MESSAGE)
public class SourceSpec {

    @JsonPropertyDescription("A PostgreSQL server (10 or later, wal_level=logical), read with logical replication "
            + "(pgoutput). Exclusive with mysql.")
    private PostgresSourceSpec postgres;

    @JsonPropertyDescription("A MySQL or MariaDB server with binlog_format=ROW and binlog_row_image=FULL, read from "
            + "the binlog. Exclusive with postgres.")
    private MySqlSourceSpec mysql;

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("The tables to capture. Each table gets its own Kafka topic <topicPrefix>.<schema>.<table>.")
    private List<TableSpec> tables;

    public PostgresSourceSpec getPostgres() {
        return postgres;
    }

    public void setPostgres(PostgresSourceSpec postgres) {
        this.postgres = postgres;
    }

    public MySqlSourceSpec getMysql() {
        return mysql;
    }

    public void setMysql(MySqlSourceSpec mysql) {
        this.mysql = mysql;
    }

    public List<TableSpec> getTables() {
        return tables;
    }

    public void setTables(List<TableSpec> tables) {
        this.tables = tables;
    }
}
