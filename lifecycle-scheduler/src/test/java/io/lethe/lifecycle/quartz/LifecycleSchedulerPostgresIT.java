package io.lethe.lifecycle.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRuns;
import io.lethe.lifecycle.jobs.LifecycleJob;
import io.lethe.lifecycle.retention.SweepFixture;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Quartz's clustered JDBC job store on PostgreSQL, its tables in this class's schema. */
class LifecycleSchedulerPostgresIT {

  @RegisterExtension
  static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension
  static final S3ProxyExtension s3 = new S3ProxyExtension();
  private static SweepFixture f;

  @BeforeAll
  static void setUp(@TempDir Path keyDir) throws Exception {
    f = new SweepFixture(pg.dataSource(), s3, keyDir);
  }

  @Test
  void runNow_runsTheJobThroughTheJdbcJobStore_onEitherNodeOfTheCluster() throws Exception {
    Instant past = Instant.now().minus(Duration.ofHours(1));
    List<UUID> due = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      due.add(f.db.aDeviceLogExpiredAt(f.db.aSubject(), past.plusSeconds(i)));
    }
    List<LifecycleJob> jobs = List.of(f.sweep, f.biometric);
    Map<String, String> cron = Map.of("biometric-purge", "0 0/5 * * * ?");
    try (LifecycleScheduler a = node("node-a", jobs, cron);
        LifecycleScheduler b = node("node-b", jobs, cron)) {
      a.start();
      b.start();
      UUID first = a.runNow("retention-sweep", false);
      UUID second = b.runNow("retention-sweep", false);

      JobRun one = awaitFinal(first);
      JobRun two = awaitFinal(second);

      assertThat(one.status().name()).isEqualTo("SUCCEEDED");
      assertThat(two.status().name()).isEqualTo("SUCCEEDED");
      // The job is not concurrent: the second run started after the first had swept it all.
      assertThat(one.counts().deleted() + two.counts().deleted()).isEqualTo(due.size());
    }
    for (UUID id : due) {
      assertThat(f.db.state(id)).isEqualTo("DELETED");
      assertThat(f.db.events("record.delete", "success", id)).isEqualTo(1);
    }
    assertThat(f.db.count("SELECT COUNT(*) FROM " + pg.schema() + ".qrtz_job_details"))
        .isEqualTo(2);
    assertThat(f.db.count("SELECT COUNT(*) FROM " + pg.schema() + ".qrtz_cron_triggers"))
        .isEqualTo(1);
    assertThat(f.db.count("SELECT COUNT(*) FROM " + pg.schema() + ".qrtz_scheduler_state"))
        .isEqualTo(2);
  }

  @Test
  void unknownJobs_andInvalidCron_areRefused() {
    assertThatThrownBy(() -> node("n", List.of(f.sweep), Map.of("nope", "0 0 * * * ?")))
        .isInstanceOfSatisfying(LifecycleException.class,
            e -> assertThat(e.code()).isEqualTo(LifecycleErrorCode.JOB_UNKNOWN));
    assertThatThrownBy(() -> node("n", List.of(f.sweep), Map.of("retention-sweep", "daily")))
        .isInstanceOfSatisfying(LifecycleException.class,
            e -> assertThat(e.code()).isEqualTo(LifecycleErrorCode.SCHEDULE_INVALID));
    try (LifecycleScheduler s = node("n", List.of(f.sweep), Map.of())) {
      assertThatThrownBy(() -> s.runNow("erasure", false))
          .isInstanceOfSatisfying(LifecycleException.class,
              e -> assertThat(e.code()).isEqualTo(LifecycleErrorCode.JOB_UNKNOWN));
    }
  }

  private static LifecycleScheduler node(String id, List<LifecycleJob> jobs,
      Map<String, String> cron) {
    return LifecycleScheduler.create(pg.dataSource(), new SchedulerSettings("lethe-test", id, 2,
        cron, Duration.ofSeconds(5)), f.runner, jobs);
  }

  /** Waits for the run to end; bounded so a broken scheduler fails the test, never hangs it. */
  static JobRun awaitFinal(UUID runId) throws InterruptedException {
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
