package io.lethe.lifecycle.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunStatus;
import io.lethe.lifecycle.jobs.JobRuns;
import io.lethe.lifecycle.jobs.LifecycleJob;
import io.lethe.lifecycle.retention.SweepFixture;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: Quartz's JDBC job store on H2 with the standard delegate. */
class LifecycleSchedulerH2IT {

  @RegisterExtension
  static final S3ProxyExtension s3 = new S3ProxyExtension();
  private static SweepFixture f;

  @BeforeAll
  static void setUp(@TempDir Path keyDir) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:quartz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    f = new SweepFixture(h2, s3, keyDir);
  }

  @Test
  void runNow_dryRun_runsThroughTheJobStore_andChangesNothing() throws Exception {
    UUID record = f.db.aDeviceLogExpiredAt(f.db.aSubject(), Instant.now().minusSeconds(60));
    try (LifecycleScheduler s = LifecycleScheduler.create(f.db.dataSource,
        SchedulerSettings.defaults(Map.of("retention-sweep", "0 15 3 * * ?")), f.runner,
        List.of(f.sweep))) {
      s.start();
      JobRun run = awaitFinal(s.runNow("retention-sweep", true));

      assertThat(run.status()).isEqualTo(JobRunStatus.SUCCEEDED);
      assertThat(run.dryRun()).isTrue();
      assertThat(run.counts().deleted()).isEqualTo(1);
    }
    assertThat(f.db.state(record)).isEqualTo("ACTIVE");
    assertThat(f.db.count("SELECT COUNT(*) FROM QRTZ_CRON_TRIGGERS")).isEqualTo(1);
  }

  @Test
  void atStart_aRunLeftRunningByADeadNode_isFailed_andANewRunTakesItsWorkUp() throws Exception {
    UUID record = f.db.aDeviceLogExpiredAt(f.db.aSubject(), Instant.now().minusSeconds(60));
    JobRun dead = runningSince(f.sweep, Instant.now().minus(Duration.ofMinutes(30)));
    JobRun alive = runningSince(f.biometric, Instant.now());
    List<UUID> resumed;
    try (LifecycleScheduler s = LifecycleScheduler.create(f.db.dataSource,
        new SchedulerSettings("lethe", "AUTO", 1, Map.of(), Duration.ofSeconds(15),
            Duration.ofMinutes(10)), f.runner, List.of(f.sweep))) {
      resumed = s.start();
      assertThat(resumed).hasSize(1);
      assertThat(awaitFinal(resumed.get(0)).status()).isEqualTo(JobRunStatus.SUCCEEDED);
    }
    JobRun failed = find(dead.id());
    assertThat(failed.status()).isEqualTo(JobRunStatus.FAILED);
    assertThat(failed.lastErrorCode()).contains("lifecycle.job.abandoned");
    assertThat(failed.finishedAt()).isPresent();
    assertThat(f.db.events("job.run.finish", "failure", dead.id())).isEqualTo(1);
    assertThat(find(alive.id()).status()).as("a run heard from lately may be alive")
        .isEqualTo(JobRunStatus.RUNNING);
    assertThat(f.db.state(record)).isEqualTo("DELETED");
    // A fire of the job leaves a run heard from lately alone (two nodes may run it at once)...
    JobRun next;
    try (LifecycleScheduler s = LifecycleScheduler.create(f.db.dataSource,
        SchedulerSettings.defaults(Map.of()), f.runner, List.of(f.sweep, f.biometric))) {
      assertThat(s.start()).isEmpty();
      next = awaitFinal(s.runNow("biometric-purge", false));
    }
    assertThat(next.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(find(alive.id()).status()).isEqualTo(JobRunStatus.RUNNING);
    // ...and fails it once it has been silent for longer than abandonedAfter.
    Thread.sleep(50);
    try (LifecycleScheduler s = LifecycleScheduler.create(f.db.dataSource,
        new SchedulerSettings("lethe", "AUTO", 1, Map.of(), Duration.ofSeconds(15),
            Duration.ofMillis(20)), f.runner, List.of(f.sweep, f.biometric))) {
      s.start();
      next = awaitFinal(s.runNow("biometric-purge", false));
    }
    assertThat(next.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(find(alive.id()).status()).isEqualTo(JobRunStatus.FAILED);
    assertThat(find(alive.id()).lastErrorCode()).contains("lifecycle.job.abandoned");
  }

  @Test
  void aJobThatRunsOnlyOnRequest_isRefusedASchedule() {
    LifecycleJob onRequest = new LifecycleJob() {
      @Override
      public String name() {
        return "service-termination";
      }

      @Override
      public boolean onRequestOnly() {
        return true;
      }

      @Override
      public io.lethe.lifecycle.jobs.Batch nextBatch(java.sql.Connection c,
          io.lethe.lifecycle.jobs.JobContext ctx) {
        return io.lethe.lifecycle.jobs.Batch.finished();
      }
    };
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LifecycleScheduler.create(
        f.db.dataSource, SchedulerSettings.defaults(Map.of("service-termination", "0 0 3 * * ?")),
        f.runner, List.of(onRequest)))
        .isInstanceOfSatisfying(io.lethe.lifecycle.LifecycleException.class, e -> assertThat(
            e.code()).isEqualTo(io.lethe.lifecycle.LifecycleErrorCode.SCHEDULE_FORBIDDEN));
  }

  /** A run as a node leaves it when it dies: RUNNING, last heard of at {@code heartbeat}. */
  private static JobRun runningSince(LifecycleJob job, Instant heartbeat) {
    JobRuns runs = new JobRuns();
    JobRun run = f.runner.queue(job, false);
    return f.db.in(c -> {
      runs.move(c, run.id(), JobRunStatus.RUNNING, java.util.Optional.empty(), heartbeat);
      return runs.find(c, run.id()).orElseThrow();
    });
  }

  private static JobRun find(UUID runId) {
    return f.db.in(c -> new JobRuns().find(c, runId).orElseThrow());
  }

  private static JobRun awaitFinal(UUID runId) throws InterruptedException {
    JobRuns runs = new JobRuns();
    for (int i = 0; i < 600; i++) {
      JobRun run = f.db.in(c -> runs.find(c, runId).orElseThrow());
      if (run.status().isFinal()) {
        return run;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + runId + " did not finish within a minute");
  }
}
