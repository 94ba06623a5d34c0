package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import io.lethe.testsupport.server.LetheServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server is killed with SIGKILL while a retention sweep deletes expired records,
 * one record per batch. After a restart the same run continues from its last committed batch:
 * every expired record is deleted exactly once, with exactly one {@code record.delete} event
 * each, and the run's counters add up.
 */
class RetentionSweepKilledMidRunIT {

  private static final int RECORDS = 120;

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path workDir;
  static LetheServerProcess server;

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aSweepKilledMidRun_resumesAfterRestart_andDeletesEachRecordExactlyOnce() throws Exception {
    server = ServerUnderTest.oneItemPerBatch(workDir, pg, s3).start();
    ApiClient admin = new ApiClient(server.url(), server.bootstrapKey());
    java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<String>> created = new java.util.ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      created.add(writers.submit(() -> {
        String subject = admin.post("/v1/subjects", null).json().path("id").asText();
        return admin.post("/v1/subjects/" + subject + "/records", """
            {"type":"account","fields":{"idType":"resident-id","name":"周九",
             "idNumber":"11010519491231002X","mobile":"13955556666"}}""").raw().body();
      }));
    }
    for (java.util.concurrent.Future<String> record : created) {
      assertThat(record.get()).as("the server said:%n%s", tail(server.output())).contains("\"id\"");
    }
    writers.shutdown();
    try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
      // As if every account had been closed 31 days ago under policy version 1: account data
      // is kept 30 days after closing, so all of it is due, and dated the way the policy would
      // have (a date the policy would not give is what retention-redate corrects at a start).
      s.executeUpdate("UPDATE subjects SET closed_at = now() - interval '31 days'");
      s.executeUpdate("UPDATE records SET expiry_from = now() - interval '31 days',"
          + " expiry_event = 'subject-closed', expires_at = now() - interval '1 day',"
          + " policy_version = '1'");
    }

    ApiClient.Response started = admin.post("/v1/jobs/retention-sweep/runs", "{\"dryRun\":false}");
    assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
    String runId = started.json().path("runId").asText();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (deleted() < 10 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    server.kill();
    long deletedAtKill = deleted();
    assertThat(deletedAtKill).as("killed mid-run; the run: %s; the server said:%n%s",
        runRow(runId), tail(server.output()))
        .isBetween(1L, RECORDS - 1L);
    assertThat(Tally.count(pg.dataSource(), "SELECT count(*) FROM job_runs WHERE id = '" + runId
        + "' AND status = 'RUNNING'")).as("the run the kill left behind").isEqualTo(1);

    server.restart();
    JsonNode run = admin.get("/v1/jobs/runs/" + runId).json();
    deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (run.path("status").asText().equals("RUNNING") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      run = admin.get("/v1/jobs/runs/" + runId).json();
    }

    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(deleted()).isEqualTo(RECORDS);
    assertThat(Tally.count(pg.dataSource(), "SELECT count(*) FROM records WHERE state <> 'DELETED'"))
        .isZero();
    assertThat(Tally.count(pg.dataSource(), "SELECT count(*) FROM record_fields")).isZero();
    List<JsonNode> deletes = Tally.events(pg.dataSource(), "record.delete", "success");
    Set<String> deletedIds = new HashSet<>();
    deletes.forEach(e -> deletedIds.add(e.path("lethe").path("record_id").asText()));
    assertThat(deletes).as("one event per deletion, none twice").hasSize(RECORDS);
    assertThat(deletedIds).hasSize(RECORDS);
    assertThat(Tally.events(pg.dataSource(), "record.delete", "failure")).isEmpty();
    // The sweep's run started and ended once (the restart also ran retention-redate).
    assertThat(Tally.events(pg.dataSource(), "job.run.start", "success"))
        .filteredOn(e -> e.path("lethe").path("job_run_id").asText().equals(runId)).hasSize(1);
    assertThat(Tally.events(pg.dataSource(), "job.run.finish", "success"))
        .filteredOn(e -> e.path("lethe").path("job_run_id").asText().equals(runId)).hasSize(1);
    assertThat(Tally.count(pg.dataSource(), "SELECT deleted FROM job_runs WHERE id = '" + runId
        + "'")).isEqualTo(RECORDS);
    assertThat(Tally.count(pg.dataSource(), "SELECT scanned FROM job_runs WHERE id = '" + runId
        + "'")).isEqualTo(RECORDS);
    assertThat(Tally.count(pg.dataSource(), "SELECT failed FROM job_runs WHERE id = '" + runId
        + "'")).isZero();
  }

  private static String runRow(String runId) throws Exception {
    try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT status, scanned, deleted, deferred, failed, "
            + "last_error_code FROM job_runs WHERE id = '" + runId + "'")) {
      return rs.next() ? rs.getString(1) + " scanned " + rs.getLong(2) + " deleted "
          + rs.getLong(3) + " deferred " + rs.getLong(4) + " failed " + rs.getLong(5) + " "
          + rs.getString(6) : "none";
    }
  }

  private static String tail(String output) {
    return output.substring(Math.max(0, output.length() - 6000));
  }

  private static long deleted() throws Exception {
    return Tally.count(pg.dataSource(), "SELECT count(*) FROM records WHERE state = 'DELETED'");
  }
}
