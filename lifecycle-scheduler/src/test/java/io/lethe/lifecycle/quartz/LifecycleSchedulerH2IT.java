package io.lethe.lifecycle.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunStatus;
import io.lethe.lifecycle.jobs.JobRuns;
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
