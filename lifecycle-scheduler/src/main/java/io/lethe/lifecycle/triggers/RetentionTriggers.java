package io.lethe.lifecycle.triggers;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.policy.RetentionRule;
import io.lethe.lifecycle.policy.Trigger;
import io.lethe.lifecycle.triggers.TriggerRows.RecordState;
import io.lethe.lifecycle.triggers.TriggerRows.SubjectState;
import io.lethe.storage.Expiry;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Records the retention triggers that happen after a record is written, and dates the records
 * they start the clock of: closing a subject's account ({@code subject-closed}) and the end of
 * a record's purpose ({@code purpose-fulfilled}). A record written before its trigger has no
 * {@code expires_at}; from here on it has one, and the retention sweep takes it once due (ADR
 * 0017). The policy's version and the trigger's instant are written with every date set here and
 * cleared with it, so each record says which policy version dated it (ADR 0007) and from when,
 * for {@code retention-redate} to date it again when the policy changes.
 *
 * <p>Every method works in the caller's transaction (no commit, no rollback), so the caller
 * writes its audit event in the same one. Legal holds are not consulted: a held record gets its
 * expiry like any other, and the sweep skips it while the hold lasts.
 *
 * <p><b>Thread safety.</b> Stateless; safe for concurrent use with distinct connections. The
 * subject's or record's row is locked first, so two triggers on it run one after the other.
 *
 * <p><b>Failures.</b> {@link LifecycleException} with {@code lifecycle.trigger.target-not-found},
 * {@code lifecycle.closure.invalid}, {@code lifecycle.trigger.not-applicable} or
 * {@code lifecycle.database}; messages name ids, classes and events, never a field value.
 */
public final class RetentionTriggers {

  private final RetentionPolicy policy;
  private final TriggerRows rows = new TriggerRows();

  public RetentionTriggers(RetentionPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Closes the subject's account at {@code at} and dates its ACTIVE records of every class that
   * counts from {@code subject-closed}: {@code at} plus the class's period. Allowed while ACTIVE
   * or SUSPENDED (a frozen account can be closed too).
   */
  public Closure close(Connection c, UUID subjectId, Instant at) {
    Instant closedAt = micros(at);
    SubjectState subject = lockSubject(c, subjectId);
    if (subject.closedAt().isPresent()) {
      throw closure("subject " + subjectId + " is already closed");
    }
    rows.setClosedAt(c, subjectId, closedAt);
    int expiring = 0;
    for (RetentionRule rule : countedFrom(Trigger.SUBJECT_CLOSED)) {
      expiring += rows.setExpiryOfClass(c, subjectId, rule.retentionClass(),
          Optional.of(policy.expiry(rule, closedAt)));
    }
    return new Closure(subjectId, Optional.of(closedAt), expiring);
  }

  /**
   * Reverses a closure within its grace period: the account is open again and its ACTIVE
   * records of the classes counted from {@code subject-closed} lose their expiry. Records the
   * sweep already deleted stay deleted.
   */
  public Closure reopen(Connection c, UUID subjectId) {
    SubjectState subject = lockSubject(c, subjectId);
    if (subject.closedAt().isEmpty()) {
      throw closure("subject " + subjectId + " is not closed");
    }
    rows.setClosedAt(c, subjectId, null);
    for (RetentionRule rule : countedFrom(Trigger.SUBJECT_CLOSED)) {
      rows.setExpiryOfClass(c, subjectId, rule.retentionClass(), Optional.empty());
    }
    return new Closure(subjectId, Optional.empty(), 0);
  }

  /**
   * The purpose of the record was fulfilled at {@code at}: it expires at {@code at} plus its
   * class's period. Telling it again never moves the start later: a repeat (a retry) counts from
   * the earlier fulfilment, under the period in force now, so it cannot keep data longer than
   * the first call allowed. A record dated before starts were recorded keeps an earlier date, and
   * the version that computed it, as it did then.
   */
  public Fulfilment purposeFulfilled(Connection c, UUID recordId, Instant at) {
    Instant fulfilledAt = micros(at);
    RecordState record = rows.lockRecord(c, Objects.requireNonNull(recordId, "recordId"))
        .orElseThrow(() -> new LifecycleException(LifecycleErrorCode.TRIGGER_TARGET_NOT_FOUND,
            "record " + recordId + " does not exist"));
    if (!record.state().equals("ACTIVE")) {
      throw new LifecycleException(LifecycleErrorCode.TRIGGER_NOT_APPLICABLE, "record "
          + recordId + " is " + record.state() + "; only an ACTIVE record can be dated");
    }
    RetentionRule rule = policy.rule(record.retentionClass());
    if (rule.countedFrom() != Trigger.PURPOSE_FULFILLED) {
      throw new LifecycleException(LifecycleErrorCode.TRIGGER_NOT_APPLICABLE, "record "
          + recordId + " is of retention class '" + rule.retentionClass() + "', which counts from "
          + rule.countedFrom().policyName() + ", not " + Trigger.PURPOSE_FULFILLED.policyName());
    }
    Instant start = earlierFulfilment(record).filter(earlier -> earlier.isBefore(fulfilledAt))
        .orElse(fulfilledAt);
    Expiry expiry = policy.expiry(rule, start);
    if (record.expiryFrom().isEmpty() && record.expiresAt()
        .filter(earlier -> earlier.isBefore(expiry.at())).isPresent()) {
      // Dated before starts were recorded: its fulfilment time is unknown, its date is not.
      return new Fulfilment(recordId, record.subjectId(), record.type(),
          record.expiresAt().orElseThrow(), record.policyVersion());
    }
    rows.setExpiry(c, recordId, expiry);
    return new Fulfilment(recordId, record.subjectId(), record.type(), expiry.at(),
        Optional.of(expiry.policyVersion()));
  }

  /** When the record's purpose was declared fulfilled before, if it was and that was recorded. */
  private static Optional<Instant> earlierFulfilment(RecordState record) {
    return record.expiryEvent().filter(Trigger.PURPOSE_FULFILLED.policyName()::equals)
        .flatMap(event -> record.expiryFrom());
  }

  private SubjectState lockSubject(Connection c, UUID subjectId) {
    SubjectState subject = rows.lockSubject(c, Objects.requireNonNull(subjectId, "subjectId"))
        .orElseThrow(() -> new LifecycleException(LifecycleErrorCode.TRIGGER_TARGET_NOT_FOUND,
            "subject " + subjectId + " does not exist"));
    if (subject.status().equals("ERASED")) {
      // Erasure already destroyed everything a closure would schedule for deletion.
      throw closure("subject " + subjectId + " was erased");
    }
    return subject;
  }

  private List<RetentionRule> countedFrom(Trigger trigger) {
    return policy.rules().values().stream().filter(r -> r.countedFrom() == trigger).toList();
  }

  private static LifecycleException closure(String message) {
    return new LifecycleException(LifecycleErrorCode.CLOSURE_INVALID, message);
  }

  /** PostgreSQL keeps microseconds: what is returned is what a later read gives back. */
  private static Instant micros(Instant at) {
    return Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
  }
}
