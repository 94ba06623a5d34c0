package io.lethe.lifecycle.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunStatus;
import io.lethe.lifecycle.jobs.JobRuns;
import io.lethe.lifecycle.quartz.LifecycleScheduler;
import io.lethe.lifecycle.quartz.SchedulerSettings;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed with SIGKILL in the middle of an erasure: the restarted scheduler fails the run
 * it left, a new run finishes the erasure, and every step happened exactly once.
 */
class ErasureCrashPostgresIT {

  static final String CLUSTER = "lethe-crash";
  private static final int RECORDS = 24;
  private static final int PHOTOS = 6;

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir Path keyDir;
  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aNodeKilledMidErasure_isResumedAtRestart_andEachStepHappensExactlyOnce() throws Exception {
    ErasureFixture f = new ErasureFixture(pg.dataSource(), s3.client(), "lethe-crash", keyDir,
        true);
    UUID subject = f.aSubjectWith(RECORDS, PHOTOS);
    Erasure requested = f.request(subject);

    JobRun killed = killMidway(f);
    Erasure halfway = f.erasure(subject);
    assertThat(halfway.keyDestroyedAt()).isPresent();
    assertThat(halfway.finished()).isFalse();
    assertThat(halfway.recordsPurged()).isBetween(1L, RECORDS - 1L);

    List<UUID> resumed;
    try (LifecycleScheduler restarted = LifecycleScheduler.create(pg.dataSource(),
        new SchedulerSettings(CLUSTER, "restarted-node", 1, Map.of(), Duration.ofSeconds(1),
            Duration.ofMillis(1)), f.runner, List.of(f.job))) {
      resumed = restarted.start();
      assertThat(resumed).hasSize(1);
      assertThat(awaitFinal(f, resumed.get(0)).status()).isEqualTo(JobRunStatus.SUCCEEDED);
    }

    JobRun abandoned = find(f, killed.id());
    assertThat(abandoned.status()).isEqualTo(JobRunStatus.FAILED);
    assertThat(abandoned.lastErrorCode()).contains("lifecycle.job.abandoned");
    Erasure done = f.erasure(subject);
    assertThat(done.finished()).isTrue();
    assertThat(done.recordsPurged()).isEqualTo(RECORDS);
    assertThat(done.objectsPurged()).isEqualTo(PHOTOS);
    assertThat(f.eventSeqs("subject.key.destroy", subject)).hasSize(1);
    assertThat(f.eventSeqs("record.delete", subject)).hasSize(RECORDS);
    assertThat(f.db.count("SELECT COUNT(DISTINCT r.id) FROM records r JOIN audit_outbox a"
        + " ON a.document LIKE '%' || CAST(r.id AS VARCHAR(36)) || '%'"
        + " WHERE r.subject_id = ? AND a.document LIKE '%\"action\":\"record.delete\"%'",
        subject)).as("each record purged once").isEqualTo(RECORDS);
    assertThat(f.eventSeqs("object.delete", subject)).hasSize(PHOTOS);
    assertThat(f.eventSeqs("subject.erase", subject)).hasSize(1);
    assertThat(f.requestHistory(requested.requestId()))
        .containsExactly("RECEIVED", "RUNNING", "DONE");
    assertThat(f.live("records", subject)).isZero();
    assertThat(f.fieldsOf(subject)).isZero();
    assertThat(f.live("objects", subject)).isZero();
    assertThat(f.bucketKeys()).isEmpty();
  }

  /** Starts the node, lets it commit a few batches of the erasure, kills it; its run. */
  private JobRun killMidway(ErasureFixture f) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = Files.createTempFile("erasure-crash-", ".log");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), ErasureCrashMain.class.getName(), pg.jdbcUrl(),
        pg.user(), keyDir.toString(), s3.endpoint(), s3.accessKey(), s3.secretKey(),
        f.bucket).redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("LETHE_TEST_PG_PASSWORD", pg.password());
    child = builder.start();
    UUID runId = null;
    while (runId == null || find(f, runId).batches() < 4) {
      assertThat(child.isAlive()).as("the node is running").isTrue();
      Thread.sleep(20);
      runId = Files.readAllLines(log).stream().filter(l -> l.startsWith("RUN "))
          .map(l -> UUID.fromString(l.substring(4))).findFirst().orElse(null);
    }
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback from the client
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the node died").isTrue();
    assertThat(child.exitValue()).as("killed, not exited").isEqualTo(137);
    Files.delete(log);
    JobRun killed = find(f, runId);
    assertThat(killed.status()).isEqualTo(JobRunStatus.RUNNING);
    return killed;
  }

  private static JobRun find(ErasureFixture f, UUID runId) {
    return f.db.in(c -> new JobRuns().find(c, runId).orElseThrow());
  }

  private static JobRun awaitFinal(ErasureFixture f, UUID runId) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      JobRun run = find(f, runId);
      if (run.status().isFinal()) {
        return run;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + runId + " did not finish within two minutes");
  }
}
