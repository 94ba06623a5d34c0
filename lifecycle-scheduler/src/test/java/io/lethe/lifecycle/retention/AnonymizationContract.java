package io.lethe.lifecycle.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.lifecycle.LifecycleFixture;
import io.lethe.lifecycle.anonymize.PolicyAnonymizer;
import io.lethe.lifecycle.holds.HoldRequest;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunStatus;
import io.lethe.storage.AnonymizedStatistics;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The anonymization job against one database. {@link RetentionSweepContract} extends it, so each
 * database's sweep test runs these too, on the same fixture.
 */
abstract class AnonymizationContract {

  protected abstract SweepFixture fixture();

  private static final Random RANDOM = new Random();
  private SweepFixture f;
  private LifecycleFixture db;
  private final Instant past = Instant.now().minus(Duration.ofHours(1));

  @BeforeEach
  void takeEarlierRecordsOutOfReach() {
    f = fixture();
    db = f.db;
    f.forgetEarlierRecords();
  }

  /** Plaintext unique to one test, so that no other record can share a value or a digest. */
  private record Person(String idNumber, String mobile, String name, String plate,
      String otherPlate, String address, String point, String description) {

    static Person unique() {
      String body = "440305198" + (1 + RANDOM.nextInt(9)) + "0" + (1 + RANDOM.nextInt(9))
          + "1" + (1 + RANDOM.nextInt(8)) + String.format("%03d", RANDOM.nextInt(1000));
      String id = body + checkChar(body);
      String mobile = "139" + String.format("%08d", RANDOM.nextInt(100_000_000));
      return new Person(id, mobile, "欧阳" + (char) ('甲' + RANDOM.nextInt(20)) + "峰",
          "粤B" + String.format("%05d", RANDOM.nextInt(100_000)),
          "京A" + String.format("%05d", RANDOM.nextInt(100_000)),
          "广东省深圳市南山区科技园路" + RANDOM.nextInt(1000) + "号",
          "22.54" + String.format("%02d", RANDOM.nextInt(100)) + ",113.9365",
          "rear-ended at lane " + UUID.randomUUID());
    }

    List<String> plaintexts() {
      return List.of(idNumber, mobile, name, plate, otherPlate, address, point, description);
    }

    private static char checkChar(String body) {
      int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
      int sum = 0;
      for (int i = 0; i < 17; i++) {
        sum += (body.charAt(i) - '0') * weights[i];
      }
      return "10X98765432".charAt(sum % 11);
    }
  }

  private UUID accidentOf(UUID subject, Person p, Instant expiresAt) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("occurredAt", "2026-11-01T01:30:00+08:00"); // 31 October, 17:30 UTC
    fields.put("locationText", p.address());
    fields.put("locationPoint", p.point());
    fields.put("ownPlate", p.plate());
    fields.put("otherPartyName", p.name());
    fields.put("otherPartyLicenceNumber", p.idNumber());
    fields.put("otherPartyMobile", p.mobile());
    fields.put("otherPartyPlate", p.otherPlate());
    fields.put("description", p.description());
    return db.record(subject, "accident", fields, expiresAt);
  }

  private UUID accountOf(UUID subject, Person p, Instant expiresAt) {
    return db.record(subject, "account", Map.of("idType", "resident-id", "idNumber",
        p.idNumber(), "name", p.name(), "mobile", p.mobile(), "province", "广东省",
        "city", "深圳市", "email", "x" + p.mobile() + "@example.cn"), expiresAt);
  }

  @Test
  void anonymization_keepsOnlyGeneralizedValues_apartFromTheSubject_andLeavesNothingIdentifying()
      throws Exception {
    Person p = Person.unique();
    UUID subject = db.aSubject();
    UUID accident = accidentOf(subject, p, past);
    UUID account = accountOf(subject, p, past.plusSeconds(1));
    UUID photo = f.aPhotoOf(subject, accident);
    List<byte[]> digests = digestsOf(account);
    assertThat(digests).hasSize(2); // idNumber and mobile are searchable
    // The scan finds what is there: the digests before anonymization.
    List<String> before = db.in(c -> scan(c, List.of(), digests));
    assertThat(before).contains("blind_indexes.digest");
    int bucketBefore = f.bucketKeys().size();
    long copiesBefore = copies();

    JobRun run = f.run(f.anonymization, false);

    assertThat(run.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(run.jobName()).isEqualTo("anonymization");
    assertThat(run.counts()).isEqualTo(new JobCounts(2, 0, 2, 0, 0, 0));
    assertThat(run.policyVersion()).contains("1");
    for (UUID id : List.of(accident, account)) {
      assertThat(db.state(id)).isEqualTo("ANONYMIZED");
      assertThat(db.fieldsOf(id)).isZero();
      assertThat(db.count("SELECT COUNT(*) FROM blind_indexes WHERE record_id = ?", id)).isZero();
      assertThat(db.events("record.anonymize", "success", id)).isEqualTo(1);
    }
    assertThat(db.count("SELECT COUNT(*) FROM objects WHERE id = ?", photo)).isZero();
    assertThat(f.bucketKeys()).hasSize(bucketBefore - 1);
    assertThat(copies()).isEqualTo(copiesBefore + 2);

    List<String> left = db.in(c -> scan(c, p.plaintexts(), digests));
    assertThat(left).isEmpty();
    List<String> links = db.in(c -> scanAnonymized(c, List.of(subject.toString(),
        accident.toString(), account.toString())));
    assertThat(links).isEmpty();
    assertThat(copyOf("accident", "otherPartyPlate", "北京市")).isEqualTo(Map.of(
        "occurredAt", "2026-11", "locationText", "广东省", "locationPoint", "cell:22.5,113.5/0.5",
        "ownPlate", "广东省", "otherPartyPlate", "北京市"));
    assertThat(db.count("SELECT COUNT(*) FROM anonymized_records WHERE anonymized_month = ?"
        + " AND policy_version = '1'", YearMonth.now(ZoneOffset.UTC).toString()))
        .isGreaterThanOrEqualTo(2);
    Map<String, Long> provinces = db.in(c ->
        new AnonymizedStatistics().countsByValue(c, "account", "province"));
    assertThat(provinces).containsKey("广东省");
  }

  @Test
  void aRecordIsAnonymizedOnce_aSecondAttemptFindsNothingToDo() {
    UUID accident = accidentOf(db.aSubject(), Person.unique(), past);
    f.run(f.anonymization, false);
    long copies = copies();

    JobRun again = f.run(f.anonymization, false);

    assertThat(again.counts()).isEqualTo(new JobCounts(0, 0, 0, 0, 0, 0));
    assertThatThrownBy(() -> db.in(c -> db.store.anonymizeRecord(c, accident,
        new PolicyAnonymizer(f.anonymizingPolicy.anonymization("accident-record").orElseThrow()),
        "1")))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageErrorCode.RECORD_NOT_FOUND));
    assertThat(copies()).isEqualTo(copies);
  }

  @Test
  void heldRecords_onSubjectOrRecord_areNotAnonymized_untilReleased() {
    UUID heldSubject = db.aSubject();
    UUID bySubject = accidentOf(heldSubject, Person.unique(), past);
    UUID byRecord = accidentOf(db.aSubject(), Person.unique(), past);
    var onSubject = db.in(c -> db.holds.place(c, HoldRequest.onSubject(heldSubject,
        "litigation", "CASE-1", "admin", Optional.empty())));
    var onRecord = db.in(c -> db.holds.place(c, HoldRequest.onRecord(byRecord, "inquiry",
        "CASE-2", "admin", Optional.empty())));
    long copies = copies();

    JobRun held = f.run(f.anonymization, false);

    assertThat(held.counts()).isEqualTo(new JobCounts(2, 0, 0, 2, 0, 0));
    assertThat(db.state(bySubject)).isEqualTo("ACTIVE");
    assertThat(db.state(byRecord)).isEqualTo("ACTIVE");
    assertThat(db.fieldsOf(bySubject)).isPositive();
    assertThat(copies()).isEqualTo(copies);

    db.in(c -> db.holds.release(c, onSubject.id(), "admin"));
    db.in(c -> db.holds.release(c, onRecord.id(), "admin"));
    JobRun released = f.run(f.anonymization, false);

    assertThat(released.counts().anonymized()).isEqualTo(2);
    assertThat(db.state(bySubject)).isEqualTo("ANONYMIZED");
    assertThat(db.state(byRecord)).isEqualTo("ANONYMIZED");
  }

  @Test
  void dryRun_changesNothing_andCountsWhatItWouldAnonymize() throws Exception {
    UUID subject = db.aSubject();
    UUID a = accidentOf(subject, Person.unique(), past);
    UUID b = accountOf(db.aSubject(), Person.unique(), past);
    f.aPhotoOf(subject, a);
    int bucketBefore = f.bucketKeys().size();
    long copies = copies();

    JobRun dry = f.run(f.anonymization, true);

    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.counts()).isEqualTo(new JobCounts(2, 0, 2, 0, 0, 0));
    for (UUID id : List.of(a, b)) {
      assertThat(db.state(id)).isEqualTo("ACTIVE");
      assertThat(db.fieldsOf(id)).isPositive();
      assertThat(db.events("record.anonymize", "success", id)).isZero();
    }
    assertThat(db.count("SELECT COUNT(*) FROM blind_indexes WHERE record_id = ?", b)).isEqualTo(2);
    assertThat(copies()).isEqualTo(copies);
    assertThat(f.bucketKeys()).hasSize(bucketBefore);
  }

  @Test
  void crashAfterTwoBatches_thenRerun_anonymizesEveryRecordExactlyOnce() {
    UUID subject = db.aSubject();
    List<UUID> due = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      due.add(accidentOf(subject, Person.unique(), past.plusSeconds(i)));
    }
    long copies = copies();

    JobRun crashed = f.run(new FailingAfter(f.anonymization, 2), false);

    assertThat(crashed.status()).isEqualTo(JobRunStatus.FAILED);
    assertThat(crashed.counts().anonymized()).isEqualTo(4); // the third batch was rolled back
    assertThat(copies()).isEqualTo(copies + 4);
    assertThat(due.stream().filter(id -> db.state(id).equals("ANONYMIZED"))).hasSize(4);

    JobRun rerun = f.run(f.anonymization, false);

    assertThat(rerun.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(rerun.counts()).isEqualTo(new JobCounts(3, 0, 3, 0, 0, 0));
    assertThat(copies()).isEqualTo(copies + 7);
    for (UUID id : due) {
      assertThat(db.state(id)).isEqualTo("ANONYMIZED");
      assertThat(db.events("record.anonymize", "success", id)).isEqualTo(1);
    }
  }

  @Test
  void aSuspendedSubjectsRecord_isDeferred_untilResumed() {
    UUID subject = db.aSubject();
    UUID accident = accidentOf(subject, Person.unique(), past);
    db.in(c -> db.store.suspendSubject(c, subject));

    JobRun suspended = f.run(f.anonymization, false);

    assertThat(suspended.counts()).isEqualTo(new JobCounts(1, 0, 0, 0, 1, 0));
    assertThat(db.state(accident)).isEqualTo("ACTIVE");
    assertThat(db.fieldsOf(accident)).isPositive();

    db.in(c -> db.store.resumeSubject(c, subject));
    assertThat(f.run(f.anonymization, false).counts().anonymized()).isEqualTo(1);
    assertThat(db.state(accident)).isEqualTo("ANONYMIZED");
  }

  @Test
  void aRecordWhoseSubjectKeyIsDestroyed_isLeftToTheErasure_andNeverCopied() {
    UUID subject = db.aSubject();
    UUID accident = accidentOf(subject, Person.unique(), past);
    // The first step of an erasure: the key is gone, the rows wait for the erasure job.
    db.in(c -> db.store.destroySubjectKey(c, subject));
    long copies = copies();

    JobRun run = f.run(f.anonymization, false);

    assertThat(run.counts().scanned()).isZero();
    assertThat(db.state(accident)).isEqualTo("ACTIVE");
    // Called directly, the store has nothing readable to keep: a tombstone, no copy.
    db.in(c -> db.store.anonymizeRecord(c, accident, new PolicyAnonymizer(
        f.anonymizingPolicy.anonymization("accident-record").orElseThrow()), "1"));
    assertThat(db.state(accident)).isEqualTo("ANONYMIZED");
    assertThat(db.fieldsOf(accident)).isZero();
    assertThat(copies()).isEqualTo(copies);
  }

  @Test
  void theAnonymizationJob_takesOnlyAnonymizeClasses() {
    UUID log = db.aDeviceLogExpiredAt(db.aSubject(), past);

    JobRun run = f.run(f.anonymization, false);

    assertThat(run.counts().scanned()).isZero();
    assertThat(db.state(log)).isEqualTo("ACTIVE");
  }

  private long copies() {
    return db.count("SELECT COUNT(*) FROM anonymized_records WHERE type IN (?, ?)", "accident",
        "account");
  }

  private List<byte[]> digestsOf(UUID record) {
    return db.in(c -> {
      List<byte[]> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT digest FROM blind_indexes WHERE record_id = ?")) {
        ps.setObject(1, record);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getBytes(1));
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return out;
    });
  }

  /** The fields of the one copy of {@code type} whose {@code field} has {@code value}. */
  private Map<String, String> copyOf(String type, String field, String value) {
    return db.in(c -> {
      Map<String, String> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT v.field, v.generalized_value"
          + " FROM anonymized_values v WHERE v.anonymized_record_id = (SELECT r.id FROM"
          + " anonymized_records r JOIN anonymized_values w ON w.anonymized_record_id = r.id"
          + " WHERE r.type = ? AND w.field = ? AND w.generalized_value = ?"
          + " FETCH FIRST 1 ROWS ONLY)")) {
        ps.setString(1, type);
        ps.setString(2, field);
        ps.setString(3, value);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getString(2));
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return out;
    });
  }

  private static List<String> scan(java.sql.Connection c, List<String> texts,
      List<byte[]> bytes) {
    try {
      List<String> tables = DatabaseScan.tables(c).stream().map(String::toLowerCase).toList();
      assertThat(tables).contains("records", "record_fields", "blind_indexes", "objects",
          "anonymized_records", "anonymized_values", "audit_outbox", "job_runs");
      return DatabaseScan.occurrences(c, texts, bytes).stream().map(String::toLowerCase)
          .toList();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Occurrences of {@code texts} in the anonymized tables only. */
  private static List<String> scanAnonymized(java.sql.Connection c, List<String> texts) {
    return scan(c, texts, List.of()).stream()
        .filter(hit -> hit.startsWith("anonymized_")).toList();
  }
}
