package io.lethe.lifecycle.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.lifecycle.LifecycleFixture;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunStatus;
import io.lethe.lifecycle.jobs.JobRunner;
import io.lethe.storage.SubjectKeyRewrap;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** key-rewrap through the job runner: batches with progress, a dry run, data still readable. */
class KeyRewrapJobH2IT {

  @TempDir Path keyDir;

  @Test
  void afterARotation_everySubjectKeyIsRewrapped_inBatches_andADryRunChangesNothing() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:rewrap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    LifecycleFixture db = new LifecycleFixture(h2, keyDir, Clock.systemUTC());
    UUID record = null;
    for (int i = 0; i < 5; i++) {
      record = db.record(db.aSubject(), "device-log", Map.of("loggedAt",
          "2026-11-23T10:00:00+08:00", "deviceModel", "Mate 60"), Instant.now().plusSeconds(9999));
    }
    db.keys.rotate();
    KeyRewrapJob job = new KeyRewrapJob(db.keys);
    JobRunner runner = new JobRunner(h2, db.audit, Clock.systemUTC(), 2);

    JobRun dry = runner.run(job, true);

    assertThat(dry.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(dry.counts()).isEqualTo(new JobCounts(5, 0, 0, 0, 0, 0));
    assertThat(SubjectKeyRewrap.remaining(h2, db.keys, db.keys.currentVersion())).isEqualTo(5);

    JobRun run = runner.run(job, false);

    assertThat(run.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(run.counts()).isEqualTo(new JobCounts(5, 0, 0, 0, 0, 0));
    assertThat(run.batches()).isEqualTo(4); // 2 + 2 + 1 + the empty one that ends it
    assertThat(SubjectKeyRewrap.remaining(h2, db.keys, db.keys.currentVersion())).isZero();
    assertThat(db.count("SELECT COUNT(*) FROM audit_outbox WHERE document LIKE ?",
        "%\"action\":\"key.rewrap\"%")).isEqualTo(3);
    UUID readable = record;
    assertThat(db.in(c -> db.store.readRecord(c, readable, "security-risk-control", false))
        .fields()).isNotEmpty();
  }
}
