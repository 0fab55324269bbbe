package dev.capstan.testing;

import java.util.concurrent.CompletableFuture;

/**
 * Run in a child JVM by {@link KilledJvmLeavesNothingBehindTest}: starts one of each server, prints their pids and
 * directories on one line, then waits to be killed.
 */
public final class OrphanScenario {

    private OrphanScenario() {
    }

    public static void main(String[] args) throws Exception {
        CompletableFuture<PostgresServer> pgStart = CompletableFuture.supplyAsync(PostgresServer.builder()::start);
        CompletableFuture<MariaDbServer> mariadbStart = CompletableFuture.supplyAsync(MariaDbServer.builder()::start);
        KafkaBroker kafka = KafkaBroker.builder().start();
        PostgresServer pg = pgStart.join();
        MariaDbServer mariadb = mariadbStart.join();
        long pgPid = Long.parseLong(java.nio.file.Files.readAllLines(
                pg.dataDirectory().resolve("postmaster.pid")).get(0).trim());
        long mariadbPid = Long.parseLong(java.nio.file.Files.readString(
                mariadb.dataDirectory().resolveSibling("mariadbd.pid")).trim());
        System.out.println("READY " + pgPid + " " + pg.dataDirectory().getParent() + " " + mariadbPid + " "
                + mariadb.dataDirectory().getParent() + " " + kafka.logDirectory().getParent());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
