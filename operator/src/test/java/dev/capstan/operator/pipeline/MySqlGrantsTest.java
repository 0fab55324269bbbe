package dev.capstan.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code SHOW GRANTS} lines as MariaDB 11.4 and MySQL 8 print them. */
class MySqlGrantsTest {

    private static final String PUBLIC_TEST = "GRANT SELECT, INSERT, UPDATE ON `test`.* TO PUBLIC";

    @Test
    void mariaDbPrintsReplicationClientAsBinlogMonitor() {
        // What MariaDB 11.4.5 prints after GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO r1.
        assertThat(MySqlGrants.parse(List.of("GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `r1`@`%` "
                + "IDENTIFIED BY PASSWORD '*7B9EBEED26AA52ED10C0F549FA863F13C39E0209'", PUBLIC_TEST)).missing())
                .isEmpty();
    }

    @Test
    void mySqlNamesAreAccepted() {
        assertThat(MySqlGrants.parse(List.of("GRANT SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO "
                + "`cdc`@`%`", "GRANT REPLICATION_SLAVE_ADMIN,SYSTEM_VARIABLES_ADMIN ON *.* TO `cdc`@`%`")).missing())
                .isEmpty();
    }

    @Test
    void replicationSlaveAdminIsNotReplicationSlave() {
        // MariaDB 11.4 refuses the binlog dump to a user with REPLICATION SLAVE ADMIN but without REPLICATION SLAVE.
        assertThat(MySqlGrants.parse(List.of("GRANT REPLICATION SLAVE ADMIN, BINLOG MONITOR ON *.* TO `r2`@`%`"))
                .missing()).containsExactly("REPLICATION SLAVE");
    }

    @Test
    void grantsOnDatabasesOrTablesDoNotCount() {
        assertThat(MySqlGrants.parse(List.of("GRANT USAGE ON *.* TO `sel`@`%`",
                "GRANT REPLICATION SLAVE, SELECT ON `shop`.* TO `sel`@`%`", PUBLIC_TEST)).missing())
                .containsExactly("REPLICATION SLAVE", "REPLICATION CLIENT");
    }

    @Test
    void allPrivilegesAndTheDefaultRoleCount() {
        assertThat(MySqlGrants.parse(List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`%` WITH GRANT OPTION"))
                .missing()).isEmpty();
        // MariaDB lists the grants of the current (default) role too.
        assertThat(MySqlGrants.parse(List.of("GRANT `cdcrole` TO `r3`@`%`", "GRANT SELECT ON *.* TO `r3`@`%`",
                "GRANT REPLICATION SLAVE ON *.* TO `cdcrole`")).missing()).containsExactly("REPLICATION CLIENT");
    }
}
