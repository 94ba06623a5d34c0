package io.lethe.lifecycle.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.lifecycle.holds.HoldRequest;
import io.lethe.lifecycle.holds.LegalHold;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunStatus;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.retention.SubjectAnonymization;
import io.lethe.storage.objects.ObjectStore;
import io.minio.MinioClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The erasure job against one database and S3Proxy; subclassed once per database. */
abstract class ErasureContract {

  protected abstract ErasureFixture fixture();

  private ErasureFixture f;

  @BeforeEach
  void forgetEarlierRequests() {
    f = fixture();
    f.db.in(c -> {
      try (var ps = c.prepareStatement("DELETE FROM erasures WHERE finished_at IS NULL")) {
        return ps.executeUpdate();
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void erasure_destroysTheKeyFirst_thenPurgesRecordsAndObjectsInBatches_andIsDoneOnce()
      throws Exception {
    UUID subject = f.aSubjectWith(5, 3);
    UUID other = f.aSubjectWith(1, 1);
    int bucketBefore = f.bucketKeys().size();
    Erasure requested = f.request(subject);

    JobRun run = f.runner.run(f.job, false);

    assertThat(run.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(run.counts()).isEqualTo(new JobCounts(1, 8, 0, 0, 0, 0));
    // key; records 2+2+1; objects 2+1; the check that ends it; the empty claim
    assertThat(run.batches()).isEqualTo(1 + 3 + 2 + 1 + 1);
    Erasure done = f.erasure(subject);
    assertThat(done.finished()).isTrue();
    assertThat(done.recordsPurged()).isEqualTo(5);
    assertThat(done.objectsPurged()).isEqualTo(3);
    assertThat(f.db.count("SELECT COUNT(*) FROM subjects WHERE id = ? AND status = 'ERASED'"
        + " AND wrapped_key IS NULL", subject)).isOne();
    assertThat(f.live("records", subject)).isZero();
    assertThat(f.fieldsOf(subject)).isZero();
    assertThat(f.db.count("SELECT COUNT(*) FROM records WHERE subject_id = ?"
        + " AND expires_at IS NOT NULL", subject)).as("nothing left to expire").isZero();
    assertThat(f.live("objects", subject)).isZero();
    assertThat(f.bucketKeys()).hasSize(bucketBefore - 3);
    assertThat(f.live("records", other)).isOne();
    assertThat(f.live("objects", other)).isOne();
    assertThat(f.requestHistory(requested.requestId()))
        .containsExactly("RECEIVED", "RUNNING", "DONE");

    List<Long> key = f.eventSeqs("subject.key.destroy", subject);
    List<Long> records = f.eventSeqs("record.delete", subject);
    List<Long> objects = f.eventSeqs("object.delete", subject);
    List<Long> erased = f.eventSeqs("subject.erase", subject);
    assertThat(key).hasSize(1);
    assertThat(records).hasSize(5).allMatch(seq -> seq > key.get(0));
    assertThat(objects).hasSize(3).allMatch(seq -> seq > records.get(4));
    assertThat(erased).hasSize(1).allMatch(seq -> seq > objects.get(2));

    JobRun again = f.runner.run(f.job, false);
    assertThat(again.counts()).isEqualTo(JobCounts.ZERO);
    assertThat(f.request(subject).requestId()).as("asked again: the same request")
        .isEqualTo(requested.requestId());
  }

  @Test
  void aSubjectHeldAfterItsRequest_keepsItsKeyAndData_andTheRequestIsRefused() throws Exception {
    UUID subject = f.aSubjectWith(2, 1);
    Erasure requested = f.request(subject);
    LegalHold hold = f.db.in(c -> f.db.holds.place(c, HoldRequest.onSubject(subject,
        "litigation", "CASE-1", "admin", Optional.empty())));

    JobRun held = f.runner.run(f.job, false);

    assertThat(held.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(held.counts()).isEqualTo(new JobCounts(1, 0, 0, 1, 0, 0));
    assertThat(f.db.count("SELECT COUNT(*) FROM subjects WHERE id = ? AND status = 'ACTIVE'",
        subject)).isOne();
    assertThat(f.live("records", subject)).isEqualTo(2);
    assertThat(f.live("objects", subject)).isOne();
    assertThat(f.db.events("subject.erase", "failure", hold.id())).isOne();
    assertThat(f.requestHistory(requested.requestId())).containsExactly("RECEIVED", "REFUSED");
    assertThat(f.db.count("SELECT COUNT(*) FROM erasures WHERE subject_id = ?", subject))
        .as("a new request may be made once the hold ends").isZero();

    f.db.in(c -> f.db.holds.release(c, hold.id(), "admin"));
    Erasure again = f.request(subject);
    JobRun released = f.runner.run(f.job, false);

    assertThat(again.requestId()).isNotEqualTo(requested.requestId());
    assertThat(released.counts()).isEqualTo(new JobCounts(1, 3, 0, 0, 0, 0));
    assertThat(f.erasure(subject).finished()).isTrue();
    assertThat(f.requestHistory(again.requestId()))
        .containsExactly("RECEIVED", "RUNNING", "DONE");
  }

  @Test
  void serviceTermination_erasesEverySubjectButTheHeld_andReportsThoseAsSkipped()
      throws Exception {
    UUID a = f.aSubjectWith(2, 1);
    UUID b = f.aSubjectWith(1, 0);
    // Not due for years, but the service ends: anonymized now rather than erased.
    UUID accident = f.db.anAccidentExpiredAt(b, Instant.now().plus(Duration.ofDays(900)));
    UUID held = f.aSubjectWith(1, 1);
    LegalHold hold = f.db.in(c -> f.db.holds.place(c, HoldRequest.onSubject(held,
        "regulator inquiry", "REG-1", "admin", Optional.empty())));
    ServiceTermination termination = new ServiceTermination(f.job, new SubjectAnonymization(
        RetentionPolicy.defaultPolicy(), f.db.store, f.objects), f.db.holds, f.requests);

    JobRun dry = f.runner.run(termination, true);

    assertThat(dry.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(dry.counts().scanned()).isGreaterThanOrEqualTo(3);
    assertThat(dry.counts().skippedForHold()).isEqualTo(1);
    assertThat(dry.counts().anonymized()).isOne();
    assertThat(f.db.state(accident)).isEqualTo("ACTIVE");
    assertThat(f.db.count("SELECT COUNT(*) FROM erasures WHERE subject_id = ?", a)).isZero();
    assertThat(f.live("records", a)).isEqualTo(2);

    JobRun run = f.runner.run(termination, false);

    assertThat(run.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(run.counts().skippedForHold()).isEqualTo(1);
    assertThat(run.counts().anonymized()).isOne();
    assertThat(run.counts().deleted()).isGreaterThanOrEqualTo(4);
    assertThat(f.db.count("SELECT COUNT(*) FROM anonymized_records WHERE type = 'accident'"))
        .as("the accident survives as an unlinked generalized copy").isOne();
    assertThat(f.db.count("SELECT COUNT(*) FROM record_fields WHERE record_id = ?", accident))
        .isZero();
    assertThat(f.db.count("SELECT COUNT(*) FROM subjects WHERE status <> 'ERASED'"))
        .as("everything is erased but the held subject").isOne();
    for (UUID gone : List.of(a, b)) {
      assertThat(f.erasure(gone).finished()).isTrue();
      assertThat(f.erasure(gone).requestedBy()).isEqualTo(ServiceTermination.REQUESTER);
      assertThat(f.requestHistory(f.erasure(gone).requestId()))
          .containsExactly("RECEIVED", "RUNNING", "DONE");
      assertThat(f.live("records", gone)).isZero();
      assertThat(f.live("objects", gone)).isZero();
    }
    assertThat(f.live("records", held)).isOne();
    assertThat(f.live("objects", held)).isOne();
    f.db.in(c -> f.db.holds.release(c, hold.id(), "admin"));
  }

  @Test
  void dryRun_reportsWhatWouldBePurged_andChangesNothing() throws Exception {
    UUID subject = f.aSubjectWith(3, 2);
    f.request(subject);
    int bucketBefore = f.bucketKeys().size();

    JobRun dry = f.runner.run(f.job, true);

    assertThat(dry.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(dry.counts()).isEqualTo(new JobCounts(1, 5, 0, 0, 0, 0));
    assertThat(f.erasure(subject).keyDestroyedAt()).isEmpty();
    assertThat(f.live("records", subject)).isEqualTo(3);
    assertThat(f.fieldsOf(subject)).isPositive();
    assertThat(f.bucketKeys()).hasSize(bucketBefore);
  }

  @Test
  void anUnreachableObjectStore_isRetried_thenReported_neverHalfApplied_andResumedLater()
      throws Exception {
    UUID subject = f.aSubjectWith(1, 3);
    Erasure requested = f.request(subject);
    MinioClient nowhere = MinioClient.builder().endpoint("http://127.0.0.1:9")
        .credentials("nobody", "nothing-here").region("us-east-1").build();
    ErasureJob cut = f.job(ObjectStore.s3(nowhere, f.bucket, f.db.keys));

    JobRun failing = f.runner.run(cut, false);

    assertThat(failing.status()).as("one erasure failing does not fail the others' run")
        .isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(failing.counts()).isEqualTo(new JobCounts(1, 1, 0, 0, 0, 1));
    assertThat(failing.lastErrorCode()).contains("storage.object.store-unavailable");
    Erasure stuck = f.erasure(subject);
    assertThat(stuck.keyDestroyedAt()).as("the key went first").isPresent();
    assertThat(stuck.finished()).isFalse();
    assertThat(stuck.lastErrorCode()).contains("storage.object.store-unavailable");
    assertThat(f.live("objects", subject)).as("the object batch was undone whole").isEqualTo(3);
    assertThat(f.requestHistory(requested.requestId())).as("it will be finished: still running")
        .containsExactly("RECEIVED", "RUNNING");

    JobRun resumed = f.runner.run(f.job, false);

    assertThat(resumed.counts()).isEqualTo(new JobCounts(1, 3, 0, 0, 0, 0));
    assertThat(f.erasure(subject).finished()).isTrue();
    assertThat(f.live("objects", subject)).isZero();
    assertThat(f.requestHistory(requested.requestId()))
        .containsExactly("RECEIVED", "RUNNING", "DONE");
    assertThat(f.eventSeqs("subject.key.destroy", subject)).hasSize(1);
  }
}
