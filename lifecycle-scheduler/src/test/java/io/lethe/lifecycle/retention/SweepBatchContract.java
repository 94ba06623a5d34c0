package io.lethe.lifecycle.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.lifecycle.LifecycleFixture;
import io.lethe.lifecycle.holds.HoldRequest;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunStatus;
import io.lethe.lifecycle.jobs.JobRunner;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.objects.ObjectStore;
import io.minio.MinioClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retention sweep's set deletion, with batches large enough to hold every record of a test:
 * what the set does, and that it falls back to one record at a time without losing any.
 * {@link RetentionSweepContract} extends it, so each database's sweep test runs these too.
 */
abstract class SweepBatchContract extends AnonymizationContract {

  private SweepFixture f;
  private LifecycleFixture db;
  private JobRunner runner;
  private final List<String> storeCalls = new ArrayList<>();
  private final Instant past = Instant.now().minus(Duration.ofHours(1));

  @BeforeEach
  void runInBatchesOfFifty() {
    f = fixture();
    db = f.db;
    f.forgetEarlierRecords();
    runner = new JobRunner(db.dataSource, db.audit, Clock.systemUTC(), 50);
    storeCalls.clear();
  }

  @Test
  void aBatch_isDeletedAsOneSet_withOneEventPerRecord_andTheHeldOnesSkipped() {
    UUID subject = db.aSubject();
    UUID heldSubject = db.aSubject();
    List<UUID> due = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      due.add(db.aDeviceLogExpiredAt(i < 3 ? subject : db.aSubject(), past.plusMillis(i)));
    }
    UUID heldByRecord = db.aDeviceLogExpiredAt(subject, past);
    UUID heldBySubject = db.aDeviceLogExpiredAt(heldSubject, past);
    db.in(c -> db.holds.place(c, HoldRequest.onRecord(heldByRecord, "inquiry", "CASE-1",
        "admin", Optional.empty())));
    db.in(c -> db.holds.place(c, HoldRequest.onSubject(heldSubject, "litigation", "CASE-2",
        "admin", Optional.empty())));

    JobRun run = runner.run(sweep(recordingStore(), f.objects), false);

    assertThat(run.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(run.counts()).isEqualTo(new JobCounts(7, 5, 0, 2, 0, 0));
    assertThat(storeCalls).as("one set, not one call per record")
        .containsExactly("deleteRecords");
    for (UUID id : due) {
      assertThat(db.state(id)).isEqualTo("DELETED");
      assertThat(db.fieldsOf(id)).isZero();
      assertThat(db.events("record.delete", "success", id)).isOne();
    }
    assertThat(db.count("SELECT COUNT(*) FROM audit_outbox WHERE document LIKE ?"
        + " AND document LIKE ?", "%\"action\":\"record.delete\"%",
        "%\"job_run_id\":\"" + run.id() + "\"%")).isEqualTo(due.size());
    for (UUID id : List.of(heldByRecord, heldBySubject)) {
      assertThat(db.state(id)).isEqualTo("ACTIVE");
      assertThat(db.fieldsOf(id)).isPositive();
      assertThat(db.events("record.delete", "success", id)).isZero();
    }
  }

  @Test
  void aBatchOfMixedTypes_deletesEachOnesFieldsIndexesAndObjects_andAnonymizesPerRecord()
      throws Exception {
    UUID subject = db.aSubject();
    UUID log = db.aDeviceLogExpiredAt(subject, past);
    UUID face = db.aFaceVerificationExpiredAt(subject, past);
    UUID account = db.record(db.aSubject(), "account", Map.of("idType", "resident-id-card",
        "idNumber", "11010519491231002X", "name", "张三丰", "mobile", "13812345678"), past);
    UUID accident = db.anAccidentExpiredAt(subject, past);
    UUID facePhoto = f.aPhotoOf(subject, face);
    UUID scenePhoto = f.aPhotoOf(subject, accident);
    UUID notDue = db.aDeviceLogExpiredAt(subject, Instant.now().plus(Duration.ofDays(1)));
    UUID keptPhoto = f.aPhotoOf(subject, notDue);
    assertThat(indexRows(face) + indexRows(account)).isPositive();
    int bucketBefore = f.bucketKeys().size();

    JobRun run = runner.run(sweep(recordingStore(), f.objects), false);

    assertThat(run.counts()).isEqualTo(new JobCounts(4, 3, 1, 0, 0, 0));
    assertThat(storeCalls).containsExactlyInAnyOrder("deleteRecords", "anonymizeRecord");
    for (UUID id : List.of(log, face, account)) {
      assertThat(db.state(id)).isEqualTo("DELETED");
      assertThat(db.fieldsOf(id)).isZero();
      assertThat(indexRows(id)).isZero();
      assertThat(db.events("record.delete", "success", id)).isOne();
    }
    assertThat(db.state(accident)).isEqualTo("ANONYMIZED");
    assertThat(db.events("record.anonymize", "success", accident)).isOne();
    for (UUID photo : List.of(facePhoto, scenePhoto)) {
      assertThat(db.count("SELECT COUNT(*) FROM objects WHERE id = ?", photo)).isZero();
    }
    assertThat(db.count("SELECT COUNT(*) FROM objects WHERE id = ?", keptPhoto)).isOne();
    assertThat(f.bucketKeys()).hasSize(bucketBefore - 2);
    assertThat(db.state(notDue)).isEqualTo("ACTIVE");
  }

  @Test
  void anObjectStoreThatIsDown_failsOnlyTheRecordsWithObjects_whichTheNextRunDeletes()
      throws Exception {
    UUID subject = db.aSubject();
    UUID withPhoto = db.aDeviceLogExpiredAt(subject, past);
    UUID photo = f.aPhotoOf(subject, withPhoto);
    List<UUID> without = List.of(db.aDeviceLogExpiredAt(subject, past.plusMillis(1)),
        db.aDeviceLogExpiredAt(db.aSubject(), past.plusMillis(2)));
    int bucketBefore = f.bucketKeys().size();
    MinioClient nowhere = MinioClient.builder().endpoint("http://127.0.0.1:9")
        .credentials("x", "y").region("us-east-1").build();

    JobRun down = runner.run(sweep(recordingStore(), ObjectStore.s3(nowhere, f.bucket,
        db.keys)), false);

    assertThat(down.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(down.counts()).isEqualTo(new JobCounts(3, 2, 0, 0, 0, 1));
    assertThat(down.lastErrorCode()).contains("storage.object.store-unavailable");
    assertThat(storeCalls).as("the set, then each record on its own")
        .containsExactly("deleteRecords", "deleteRecord", "deleteRecord", "deleteRecord");
    assertThat(db.state(withPhoto)).isEqualTo("ACTIVE");
    assertThat(db.fieldsOf(withPhoto)).isPositive();
    assertThat(db.count("SELECT COUNT(*) FROM objects WHERE id = ?", photo)).isOne();
    assertThat(f.bucketKeys()).hasSize(bucketBefore);
    assertThat(db.events("record.delete", "failure", withPhoto)).isOne();
    assertThat(db.events("record.delete", "success", withPhoto)).isZero();
    for (UUID id : without) {
      assertThat(db.state(id)).isEqualTo("DELETED");
      assertThat(db.events("record.delete", "success", id)).isOne();
    }

    JobRun later = runner.run(sweep(db.store, f.objects), false);

    assertThat(later.counts()).isEqualTo(new JobCounts(1, 1, 0, 0, 0, 0));
    assertThat(db.state(withPhoto)).isEqualTo("DELETED");
    assertThat(db.events("record.delete", "success", withPhoto)).isOne();
    assertThat(db.count("SELECT COUNT(*) FROM objects WHERE id = ?", photo)).isZero();
    assertThat(f.bucketKeys()).hasSize(bucketBefore - 1);
  }

  @Test
  void aDryRun_ofABatch_changesNothing() throws Exception {
    UUID subject = db.aSubject();
    List<UUID> due = List.of(db.aDeviceLogExpiredAt(subject, past),
        db.aFaceVerificationExpiredAt(subject, past));
    f.aPhotoOf(subject, due.get(1));
    int bucketBefore = f.bucketKeys().size();

    JobRun dry = runner.run(sweep(recordingStore(), f.objects), true);

    assertThat(dry.counts()).isEqualTo(new JobCounts(2, 2, 0, 0, 0, 0));
    assertThat(storeCalls).isEmpty();
    for (UUID id : due) {
      assertThat(db.state(id)).isEqualTo("ACTIVE");
      assertThat(db.events("record.delete", "success", id)).isZero();
    }
    assertThat(f.bucketKeys()).hasSize(bucketBefore);
  }

  private RetentionSweep sweep(PersonalDataStore store, ObjectStore objects) {
    return RetentionSweep.retentionSweep(RetentionPolicy.defaultPolicy(), store, objects,
        db.holds);
  }

  /** The fixture's store, noting which of its deleting and anonymizing methods were called. */
  private PersonalDataStore recordingStore() {
    return (PersonalDataStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {PersonalDataStore.class}, (proxy, method, args) -> {
          if (method.getName().startsWith("delete")
              || method.getName().startsWith("anonymize")) {
            storeCalls.add(method.getName());
          }
          try {
            return method.invoke(db.store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private long indexRows(UUID record) {
    return db.count("SELECT COUNT(*) FROM blind_indexes WHERE record_id = ?", record);
  }
}
