package io.lethe.lifecycle.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.lifecycle.LifecycleFixture;
import io.lethe.lifecycle.holds.HoldRequest;
import io.lethe.lifecycle.holds.LegalHold;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retention jobs against one database; subclassed once per database. */
abstract class RetentionSweepContract extends SweepBatchContract {

  @Override
  protected abstract SweepFixture fixture();

  private SweepFixture f;
  private LifecycleFixture db;
  private final Instant past = Instant.now().minus(Duration.ofHours(1));

  @BeforeEach
  void clean() {
    f = fixture();
    db = f.db;
    f.forgetEarlierRecords();
  }

  @Test
  void sweep_deletesDueRecordsAndTheirObjects_keepsTheRest_andAuditsEachInItsRun()
      throws Exception {
    UUID subject = db.aSubject();
    List<UUID> due = List.of(db.aDeviceLogExpiredAt(subject, past),
        db.aDeviceLogExpiredAt(subject, past.plusSeconds(1)),
        db.aDeviceLogExpiredAt(db.aSubject(), past.plusSeconds(2)));
    UUID photo = f.aPhotoOf(subject, due.get(0));
    UUID notYet = db.aDeviceLogExpiredAt(subject, Instant.now().plus(Duration.ofDays(1)));
    UUID keptPhoto = f.aPhotoOf(subject, notYet);
    int bucketBefore = f.bucketKeys().size();

    JobRun run = f.run(f.sweep, false);

    assertThat(run.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(run.counts()).isEqualTo(new JobCounts(3, 3, 0, 0, 0, 0));
    assertThat(run.batches()).isEqualTo(3); // 2 + 1 + the empty one that ends the run
    assertThat(run.policyVersion()).contains("1");
    assertThat(run.startedAt()).isPresent();
    assertThat(run.finishedAt()).isPresent();
    for (UUID id : due) {
      assertThat(db.state(id)).isEqualTo("DELETED");
      assertThat(db.fieldsOf(id)).isZero();
      assertThat(db.events("record.delete", "success", id)).isEqualTo(1);
    }
    assertThat(db.count("SELECT COUNT(*) FROM audit_outbox WHERE document LIKE ?",
        "%\"job_run_id\":\"" + run.id() + "\"%")).isEqualTo(3 + 2); // actions + start/finish
    assertThat(db.events("job.run.finish", "success", run.id())).isEqualTo(1);
    assertThat(db.state(notYet)).isEqualTo("ACTIVE");
    assertThat(db.count("SELECT COUNT(*) FROM objects WHERE id = ?", photo)).isZero();
    assertThat(db.count("SELECT COUNT(*) FROM objects WHERE id = ?", keptPhoto)).isOne();
    assertThat(f.bucketKeys()).hasSize(bucketBefore - 1);
  }

  @Test
  void heldRecords_areSkippedEvenWhenExpired_andReleasingMakesThemEligible() {
    UUID subject = db.aSubject();
    UUID heldBySubject = db.aDeviceLogExpiredAt(subject, past);
    UUID heldByRecord = db.aDeviceLogExpiredAt(db.aSubject(), past);
    LegalHold onSubject = place(HoldRequest.onSubject(subject, "litigation", "CASE-9", "admin",
        Optional.empty()));
    LegalHold onRecord = place(HoldRequest.onRecord(heldByRecord, "inquiry", "CASE-10",
        "admin", Optional.empty()));

    JobRun held = f.run(f.sweep, false);

    assertThat(held.counts()).isEqualTo(new JobCounts(2, 0, 0, 2, 0, 0));
    assertThat(db.state(heldBySubject)).isEqualTo("ACTIVE");
    assertThat(db.state(heldByRecord)).isEqualTo("ACTIVE");

    db.in(c -> db.holds.release(c, onSubject.id(), "admin"));
    db.in(c -> db.holds.release(c, onRecord.id(), "admin"));
    JobRun released = f.run(f.sweep, false);

    assertThat(released.counts()).isEqualTo(new JobCounts(2, 2, 0, 0, 0, 0));
    assertThat(db.state(heldBySubject)).isEqualTo("DELETED");
    assertThat(db.state(heldByRecord)).isEqualTo("DELETED");
  }

  @Test
  void dryRun_changesNothing_andReportsWhatItWouldDo() throws Exception {
    UUID subject = db.aSubject();
    UUID a = db.aDeviceLogExpiredAt(subject, past);
    UUID b = db.aDeviceLogExpiredAt(subject, past);
    f.aPhotoOf(subject, a);
    UUID held = db.aDeviceLogExpiredAt(db.aSubject(), past);
    place(HoldRequest.onRecord(held, "r", "c", "admin", Optional.empty()));
    int bucketBefore = f.bucketKeys().size();

    JobRun dry = f.run(f.sweep, true);

    assertThat(dry.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.counts()).isEqualTo(new JobCounts(3, 2, 0, 1, 0, 0));
    for (UUID id : List.of(a, b, held)) {
      assertThat(db.state(id)).isEqualTo("ACTIVE");
      assertThat(db.fieldsOf(id)).isPositive();
      assertThat(db.events("record.delete", "success", id)).isZero();
    }
    assertThat(f.bucketKeys()).hasSize(bucketBefore);
    assertThat(db.events("job.run.start", "success", dry.id())).isEqualTo(1);
  }

  @Test
  void crashAfterTwoBatches_thenRerun_finishesWithoutDoingAnythingTwice() {
    UUID subject = db.aSubject();
    List<UUID> due = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      due.add(db.aDeviceLogExpiredAt(subject, past.plusSeconds(i)));
    }

    JobRun crashed = f.run(new FailingAfter(f.sweep, 2), false);

    assertThat(crashed.status()).isEqualTo(JobRunStatus.FAILED);
    assertThat(crashed.lastErrorCode()).contains("lifecycle.job.failed");
    assertThat(crashed.counts().deleted()).isEqualTo(4); // the third batch was rolled back
    assertThat(crashed.batches()).isEqualTo(2);
    assertThat(due.stream().filter(id -> db.state(id).equals("DELETED"))).hasSize(4);

    JobRun rerun = f.run(f.sweep, false);

    assertThat(rerun.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(rerun.counts()).isEqualTo(new JobCounts(3, 3, 0, 0, 0, 0));
    for (UUID id : due) {
      assertThat(db.state(id)).isEqualTo("DELETED");
      assertThat(db.events("record.delete", "success", id)).isEqualTo(1);
    }
  }

  @Test
  void anonymizeRecords_areAnonymizedByTheSweepItself_throughTheSameCodeAsTheAnonymizationJob() {
    UUID accident = db.anAccidentExpiredAt(db.aSubject(), past);
    UUID log = db.aDeviceLogExpiredAt(db.aSubject(), past);

    JobRun run = f.run(f.sweep, false);

    assertThat(run.counts()).isEqualTo(new JobCounts(2, 1, 1, 0, 0, 0));
    assertThat(db.state(accident)).isEqualTo("ANONYMIZED");
    assertThat(db.fieldsOf(accident)).isZero();
    assertThat(db.events("record.anonymize", "success", accident)).isEqualTo(1);
    assertThat(db.state(log)).isEqualTo("DELETED");
  }

  @Test
  void biometricPurge_takesOnlyBiometricTransientRecords() {
    UUID subject = db.aSubject();
    UUID face = db.aFaceVerificationExpiredAt(subject, past);
    UUID log = db.aDeviceLogExpiredAt(subject, past);
    UUID freshFace = db.aFaceVerificationExpiredAt(subject, Instant.now().plusSeconds(600));

    JobRun run = f.run(f.biometric, false);

    assertThat(run.jobName()).isEqualTo("biometric-purge");
    assertThat(run.counts()).isEqualTo(new JobCounts(1, 1, 0, 0, 0, 0));
    assertThat(db.state(face)).isEqualTo("DELETED");
    assertThat(db.state(log)).isEqualTo("ACTIVE");
    assertThat(db.state(freshFace)).isEqualTo("ACTIVE");
  }

  @Test
  void anErasedSubjectsRecords_areNotDeletedAgainBySweeps() {
    UUID erased = db.aSubject();
    UUID log = db.aDeviceLogExpiredAt(erased, past);
    UUID face = db.aFaceVerificationExpiredAt(erased, past);
    db.in(c -> db.store.eraseSubject(c, erased));

    JobRun sweep = f.run(f.sweep, false);
    JobRun biometric = f.run(f.biometric, false);

    assertThat(sweep.counts()).isEqualTo(JobCounts.ZERO);
    assertThat(biometric.counts()).isEqualTo(JobCounts.ZERO);
    for (UUID id : List.of(log, face)) {
      assertThat(db.state(id)).isEqualTo("DELETED");
      assertThat(db.count("SELECT COUNT(*) FROM records WHERE id = ? AND expires_at IS NULL", id))
          .as("erasure leaves nothing to expire").isOne();
      assertThat(db.events("record.delete", "success", id)).isZero();
    }
  }

  @Test
  void aSubjectWhoseKeyIsDestroyed_isLeftToTheErasure_evenBeforeItsRecordsArePurged() {
    UUID erased = db.aSubject();
    UUID log = db.aDeviceLogExpiredAt(erased, past);
    db.in(c -> db.store.destroySubjectKey(c, erased));

    JobRun sweep = f.run(f.sweep, false);

    assertThat(sweep.counts()).isEqualTo(JobCounts.ZERO);
    assertThat(db.state(log)).isEqualTo("ACTIVE");
    assertThat(db.events("record.delete", "success", log)).isZero();
  }

  @Test
  void tombstonePurge_removesTombstonesOlderThanTheGrace_andNothingElse() throws Exception {
    UUID subject = db.aSubject();
    UUID oldTombstone = db.aDeviceLogExpiredAt(subject, past);
    UUID photo = f.aPhotoOf(subject, oldTombstone);
    UUID recentTombstone = db.aDeviceLogExpiredAt(subject, past);
    UUID live = db.aDeviceLogExpiredAt(subject, Instant.now().plus(Duration.ofDays(9)));
    UUID erased = db.aSubject();
    UUID erasedRecord = db.aDeviceLogExpiredAt(erased, past);
    db.in(c -> {
      db.store.deleteRecord(c, oldTombstone); // a deletion that leaves its object behind
      db.store.deleteRecord(c, recentTombstone);
      return db.store.eraseSubject(c, erased);
    });
    ageTombstones(List.of(oldTombstone, erasedRecord), Duration.ofDays(2));

    JobRun dry = f.run(f.tombstones, true);
    assertThat(dry.counts()).isEqualTo(new JobCounts(2, 2, 0, 0, 0, 0));
    assertThat(db.state(oldTombstone)).isEqualTo("DELETED");

    JobRun run = f.run(f.tombstones, false);

    assertThat(run.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(run.counts()).isEqualTo(new JobCounts(2, 2, 0, 0, 0, 0));
    assertThat(db.state(oldTombstone)).isNull();
    assertThat(db.state(erasedRecord)).isNull();
    assertThat(db.count("SELECT COUNT(*) FROM objects WHERE id = ?", photo)).isZero();
    assertThat(db.state(recentTombstone)).isEqualTo("DELETED");
    assertThat(db.state(live)).isEqualTo("ACTIVE");
    assertThat(db.events("record.purge", "success", oldTombstone)).isOne();
    assertThat(db.events("record.purge", "success", erasedRecord)).isOne();
  }

  @Test
  void tombstonePurge_removesAnonymizedTombstonesToo_andKeepsTheirUnlinkedCopies() {
    UUID accident = db.anAccidentExpiredAt(db.aSubject(), past);
    assertThat(f.run(f.sweep, false).counts().anonymized()).isOne();
    long copies = db.count("SELECT COUNT(*) FROM anonymized_records");
    assertThat(copies).isPositive();

    assertThat(f.run(f.tombstones, false).counts()).as("within the grace").isEqualTo(JobCounts.ZERO);
    ageTombstones(List.of(accident), Duration.ofDays(2));
    JobRun run = f.run(f.tombstones, false);

    assertThat(run.counts()).isEqualTo(new JobCounts(1, 1, 0, 0, 0, 0));
    assertThat(db.state(accident)).isNull();
    assertThat(db.events("record.purge", "success", accident)).isOne();
    assertThat(db.count("SELECT COUNT(*) FROM anonymized_records")).isEqualTo(copies);
  }

  private void ageTombstones(List<UUID> ids, Duration age) {
    db.in(c -> {
      try (var ps = c.prepareStatement("UPDATE records SET updated_at = ? WHERE id = ?")) {
        for (UUID id : ids) {
          ps.setObject(1, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minus(age));
          ps.setObject(2, id);
          ps.executeUpdate();
        }
        return null;
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private LegalHold place(HoldRequest request) {
    return db.in(c -> db.holds.place(c, request));
  }
}
