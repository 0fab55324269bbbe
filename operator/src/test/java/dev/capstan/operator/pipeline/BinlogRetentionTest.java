package dev.capstan.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binlog retention from the variables MariaDB 11.4, MySQL 8 and older servers report. */
class BinlogRetentionTest {

    @Test
    void mariaDbDefaultNeverPurges() {
        BinlogRetention r = BinlogRetention.of(Map.of("binlog_expire_logs_seconds", "0",
                "expire_logs_days", "0.000000"));
        assertThat(r.seconds()).isZero();
        assertThat(r.setting()).isEqualTo("binlog_expire_logs_seconds=0 (never purged by age)");
        assertThat(r.whilePaused()).isEqualTo("the server keeps binlog files only per its own expire settings, and "
                + "binlog_expire_logs_seconds=0 (never purged by age) means the binlog keeps growing until purged by "
                + "hand or by size limits");
    }

    @Test
    void mySqlDefaultIsThirtyDays() {
        BinlogRetention r = BinlogRetention.of(Map.of("binlog_expire_logs_seconds", "2592000",
                "expire_logs_days", "0"));
        assertThat(r.setting()).isEqualTo("binlog_expire_logs_seconds=2592000 (30 days)");
        assertThat(r.whilePaused()).isEqualTo("the server keeps binlog files only per its own expire settings: "
                + "binlog_expire_logs_seconds=2592000 (30 days); paused longer than that, the binlog position the "
                + "pipeline stored may be purged and the pipeline then needs a new snapshot");
    }

    @Test
    void daysApplyWhenSecondsAreUnsetOrAbsent() {
        assertThat(BinlogRetention.of(Map.of("binlog_expire_logs_seconds", "0", "expire_logs_days", "7")).setting())
                .isEqualTo("expire_logs_days=7 (7 days)");
        BinlogRetention old = BinlogRetention.of(Map.of("expire_logs_days", "1.500000"));
        assertThat(old.seconds()).isEqualTo(129_600);
        assertThat(old.setting()).isEqualTo("expire_logs_days=1.500000 (1.5 days)");
        assertThat(BinlogRetention.of(Map.of("binlog_expire_logs_seconds", "5400")).setting())
                .isEqualTo("binlog_expire_logs_seconds=5400 (1.5 hours)");
    }
}
