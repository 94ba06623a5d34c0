package io.lethe.lifecycle.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.LifecycleFixture;
import io.lethe.lifecycle.holds.HoldRequest;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.retention.SweepFixture;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Closing, reopening and fulfilling against one database; subclassed once per database. */
abstract class RetentionTriggersContract {

  static final String ID_NUMBER = "11010519491231002X";

  protected abstract SweepFixture fixture();

  static final String VERSION = RetentionPolicy.defaultPolicy().version();

  final RetentionTriggers triggers = new RetentionTriggers(RetentionPolicy.defaultPolicy());
  final Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
  SweepFixture f;
  LifecycleFixture db;

  @BeforeEach
  void clean() {
    f = fixture();
    db = f.db;
    f.forgetEarlierRecords();
  }

  @Test
  void close_setsClosedAt_andDatesOnlyTheClassesCountedFromSubjectClosed() {
    UUID subject = db.aSubject();
    UUID account = anAccount(subject);
    UUID study = aStudySession(subject);

    Closure closure = db.in(c -> triggers.close(c, subject, at));

    assertThat(closure).isEqualTo(new Closure(subject, Optional.of(at), 1));
    assertThat(closedAt(subject)).contains(at);
    assertThat(expiresAt(account)).contains(at.plus(Duration.ofDays(30)));
    assertThat(policyVersion(account)).contains(VERSION);
    assertThat(start(account)).contains(new Start(at, "subject-closed"));
    assertThat(expiresAt(study)).isEmpty();
    assertThat(policyVersion(study)).isEmpty();
    assertThat(start(study)).isEmpty();
  }

  @Test
  void close_datesHeldRecordsToo_butLeavesTombstonesAlone() {
    UUID subject = db.aSubject();
    UUID held = anAccount(subject);
    UUID deleted = anAccount(subject);
    db.in(c -> db.holds.place(c, HoldRequest.onRecord(held, "inquiry", "CASE-1", "admin",
        Optional.empty())));
    db.in(c -> db.store.deleteRecord(c, deleted));

    Closure closure = db.in(c -> triggers.close(c, subject, at));

    assertThat(closure.recordsExpiring()).isOne();

    assertThat(expiresAt(held)).contains(at.plus(Duration.ofDays(30)));
    assertThat(expiresAt(deleted)).isEmpty();
  }

  @Test
  void close_isRefused_whenClosedAlready_erased_orUnknown_andChangesNothing() {
    UUID subject = db.aSubject();
    db.in(c -> triggers.close(c, subject, at));
    UUID erased = db.aSubject();
    db.in(c -> db.store.eraseSubject(c, erased));

    assertRefused(() -> db.in(c -> triggers.close(c, subject, at.plusSeconds(5))),
        LifecycleErrorCode.CLOSURE_INVALID);
    assertRefused(() -> db.in(c -> triggers.close(c, erased, at)),
        LifecycleErrorCode.CLOSURE_INVALID);
    assertRefused(() -> db.in(c -> triggers.close(c, UUID.randomUUID(), at)),
        LifecycleErrorCode.TRIGGER_TARGET_NOT_FOUND);
    assertThat(closedAt(subject)).contains(at);
  }

  @Test
  void reopen_clearsClosedAtAndTheExpiry_andIsRefusedWhenNotClosed() {
    UUID subject = db.aSubject();
    UUID account = anAccount(subject);
    db.in(c -> triggers.close(c, subject, at));

    Closure reopened = db.in(c -> triggers.reopen(c, subject));

    assertThat(reopened).isEqualTo(new Closure(subject, Optional.empty(), 0));

    assertThat(closedAt(subject)).isEmpty();
    assertThat(expiresAt(account)).isEmpty();
    assertThat(policyVersion(account)).isEmpty();
    assertThat(start(account)).isEmpty();
    assertRefused(() -> db.in(c -> triggers.reopen(c, subject)),
        LifecycleErrorCode.CLOSURE_INVALID);
  }

  @Test
  void suspendingAndResuming_leaveTheClosureAsItIs() {
    UUID subject = db.aSubject();
    db.in(c -> db.store.suspendSubject(c, subject));
    assertThat(closedAt(subject)).isEmpty();

    db.in(c -> triggers.close(c, subject, at));
    db.in(c -> db.store.resumeSubject(c, subject));

    assertThat(closedAt(subject)).contains(at);
  }

  @Test
  void aClosedSubject_takesNoNewRecordOrCorrection_butIsStillRead() {
    UUID subject = db.aSubject();
    UUID account = anAccount(subject);
    db.in(c -> triggers.close(c, subject, at));
    long records = db.count("SELECT COUNT(*) FROM records WHERE subject_id = ?", subject);

    assertStorageRefused(() -> anAccount(subject));
    assertStorageRefused(() -> db.in(c -> db.store.updateFields(c, account,
        Map.of("name", "李四"))));
    assertStorageRefused(() -> f.aPhotoOf(subject, account));

    assertThat(db.count("SELECT COUNT(*) FROM records WHERE subject_id = ?", subject))
        .isEqualTo(records);
    assertThat(db.in(c -> db.store.readRecord(c, account, "account-management", true))
        .fields()).containsEntry("name", "张三");
  }

  @Test
  void purposeFulfilled_datesAStudySession_andARepeatNeverMovesItLater() {
    UUID subject = db.aSubject();
    UUID study = aStudySession(subject);

    Fulfilment first = db.in(c -> triggers.purposeFulfilled(c, study, at));
    Fulfilment again = db.in(c -> triggers.purposeFulfilled(c, study, at.plusSeconds(60)));

    assertThat(first).isEqualTo(new Fulfilment(study, subject, "study-session",
        at.plus(Duration.ofDays(7)), Optional.of(VERSION)));
    assertThat(again).isEqualTo(first);
    assertThat(expiresAt(study)).contains(at.plus(Duration.ofDays(7)));
    assertThat(policyVersion(study)).contains(VERSION);
    assertThat(start(study)).contains(new Start(at, "purpose-fulfilled"));
  }

  @Test
  void purposeFulfilled_repeatedWithAnEarlierTime_countsFromTheEarlierOne() {
    UUID study = aStudySession(db.aSubject());

    db.in(c -> triggers.purposeFulfilled(c, study, at));
    Fulfilment earlier = db.in(c -> triggers.purposeFulfilled(c, study, at.minusSeconds(60)));

    assertThat(earlier.expiresAt()).isEqualTo(at.minusSeconds(60).plus(Duration.ofDays(7)));
    assertThat(start(study)).contains(new Start(at.minusSeconds(60), "purpose-fulfilled"));
  }

  @Test
  void purposeFulfilled_ofARecordDatedBeforeStartsWereRecorded_keepsItsEarlierDate() {
    UUID study = aStudySession(db.aSubject());
    Instant legacy = at.plus(Duration.ofDays(1));
    db.in(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE records SET expires_at = ?, policy_version = 'old' WHERE id = ?")) {
        ps.setObject(1, OffsetDateTime.ofInstant(legacy, java.time.ZoneOffset.UTC));
        ps.setObject(2, study);
        return ps.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });

    Fulfilment kept = db.in(c -> triggers.purposeFulfilled(c, study, at));

    assertThat(kept.expiresAt()).isEqualTo(legacy);
    assertThat(kept.policyVersion()).contains("old");
    assertThat(start(study)).isEmpty();
  }

  @Test
  void purposeFulfilled_isRefused_forAnotherClass_aTombstone_orAnUnknownRecord() {
    UUID subject = db.aSubject();
    UUID account = anAccount(subject);
    UUID deleted = aStudySession(subject);
    db.in(c -> db.store.deleteRecord(c, deleted));

    assertThatThrownBy(() -> db.in(c -> triggers.purposeFulfilled(c, account, at)))
        .isInstanceOfSatisfying(LifecycleException.class, e -> {
          assertThat(e.code()).isEqualTo(LifecycleErrorCode.TRIGGER_NOT_APPLICABLE);
          assertThat(e.getMessage()).contains("'account-lifetime'", "subject-closed")
              .doesNotContain(ID_NUMBER).doesNotContain("张三");
        });
    assertRefused(() -> db.in(c -> triggers.purposeFulfilled(c, deleted, at)),
        LifecycleErrorCode.TRIGGER_NOT_APPLICABLE);
    assertRefused(() -> db.in(c -> triggers.purposeFulfilled(c, UUID.randomUUID(), at)),
        LifecycleErrorCode.TRIGGER_TARGET_NOT_FOUND);
    assertThat(expiresAt(account)).isEmpty();
  }

  UUID anAccount(UUID subject) {
    return db.in(c -> db.store.createRecord(c, subject, "account", Map.of("idType",
        "resident-id", "idNumber", ID_NUMBER, "name", "张三", "mobile", "13800138000")).id());
  }

  UUID aStudySession(UUID subject) {
    return db.in(c -> db.store.createRecord(c, subject, "study-session", Map.of("courseType",
        "满分教育", "startedAt", "2026-11-23T10:00:00+08:00", "sitePhotoObject", "o-1")).id());
  }

  Optional<Instant> expiresAt(UUID record) {
    return instant("SELECT expires_at FROM records WHERE id = ?", record);
  }

  Optional<String> policyVersion(UUID record) {
    return value("SELECT policy_version FROM records WHERE id = ?", record, String.class);
  }

  record Start(Instant from, String event) {}

  /** The instant and event the record's expiry counts from; empty for an undated record. */
  Optional<Start> start(UUID record) {
    return instant("SELECT expiry_from FROM records WHERE id = ?", record).map(from ->
        new Start(from, value("SELECT expiry_event FROM records WHERE id = ?", record,
            String.class).orElseThrow()));
  }

  Optional<Instant> closedAt(UUID subject) {
    return instant("SELECT closed_at FROM subjects WHERE id = ?", subject);
  }

  private Optional<Instant> instant(String sql, UUID id) {
    return value(sql, id, OffsetDateTime.class).map(OffsetDateTime::toInstant);
  }

  private <T> Optional<T> value(String sql, UUID id, Class<T> type) {
    return db.in(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setObject(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return Optional.ofNullable(rs.getObject(1, type));
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static void assertRefused(ThrowingCallable call, LifecycleErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(LifecycleException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  private static void assertStorageRefused(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(io.lethe.storage.StorageException.class,
        e -> assertThat(e.code()).isEqualTo(io.lethe.storage.StorageErrorCode.SUBJECT_CLOSED));
  }
}
