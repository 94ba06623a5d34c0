package io.lethe.lifecycle.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunStatus;
import io.lethe.lifecycle.jobs.JobRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The retention jobs on PostgreSQL and S3Proxy, plus what needs real row locks. */
class RetentionSweepPostgresIT extends RetentionSweepContract {

  @RegisterExtension
  static final SweepDatabase database = SweepDatabase.postgres();

  @Override
  protected SweepFixture fixture() {
    return database.fixture();
  }

  @Test
  void twoSweepsInParallel_neverProcessTheSameRecord() throws Exception {
    SweepFixture fixture = database.fixture();
    fixture.forgetEarlierRecords();
    Instant past = Instant.now().minus(Duration.ofHours(1));
    List<UUID> due = new ArrayList<>();
    for (int s = 0; s < 6; s++) {
      UUID subject = fixture.db.aSubject();
      for (int i = 0; i < 10; i++) {
        due.add(fixture.db.aDeviceLogExpiredAt(subject, past.plusMillis(s * 10L + i)));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<JobRun>> runs = new ArrayList<>();
      for (int node = 0; node < 2; node++) {
        JobRunner runner = new JobRunner(database.dataSource(), fixture.db.audit, Clock.systemUTC(), 3);
        runs.add(pool.submit(() -> runner.run(fixture.sweep, false)));
      }
      long deleted = 0;
      for (Future<JobRun> run : runs) {
        assertThat(run.get().status()).isEqualTo(JobRunStatus.SUCCEEDED);
        assertThat(run.get().counts().failed()).isZero();
        deleted += run.get().counts().deleted();
      }
      assertThat(deleted).isEqualTo(due.size());
    } finally {
      pool.shutdown();
    }
    for (UUID id : due) {
      assertThat(fixture.db.state(id)).isEqualTo("DELETED");
      assertThat(fixture.db.events("record.delete", "success", id)).isEqualTo(1);
    }
  }
}
