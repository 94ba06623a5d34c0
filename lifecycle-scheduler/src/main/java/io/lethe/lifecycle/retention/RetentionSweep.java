package io.lethe.lifecycle.retention;

import io.lethe.lifecycle.holds.LegalHolds;
import io.lethe.lifecycle.jobs.Batch;
import io.lethe.lifecycle.jobs.ErrorCodes;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.LifecycleJob;
import io.lethe.lifecycle.policy.Decision;
import io.lethe.lifecycle.policy.RecordFacts;
import io.lethe.lifecycle.policy.RetentionDecider;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.retention.ExpiredRecords.Candidate;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.objects.ObjectStore;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code retention-sweep}, {@code biometric-purge} and {@code anonymization}: claim records past
 * {@code expires_at}, ask the {@link RetentionDecider} (with the holds active now), and act.
 * Delete removes the record's fields, blind index rows and objects and leaves a DELETED
 * tombstone, audited as {@code record.delete}; anonymize replaces the record by a generalized
 * copy apart from its subject and deletes the original (ADR 0012), audited as
 * {@code record.anonymize}; a held record is skipped. The retention sweep anonymizes through the
 * same code as the anonymization job, so a due record never waits on a second schedule; the
 * anonymization job takes only the anonymize classes, to be run on its own (after a policy
 * change, or more often). A suspended subject's record due for anonymization is counted as
 * deferred and taken again by a later run.
 *
 * <p>Each record is acted on under a savepoint: a failure (bucket unreachable, key store down)
 * undoes that record's rows, is audited as a failed {@code record.delete} with its code, counts
 * as failed, and the sweep goes on; the record stays ACTIVE for a later run.
 */
public final class RetentionSweep implements LifecycleJob {

  public static final String RETENTION_SWEEP = "retention-sweep";
  public static final String BIOMETRIC_PURGE = "biometric-purge";
  public static final String ANONYMIZATION = "anonymization";
  /** The retention class of face verification photos and liveness data. */
  public static final String BIOMETRIC_CLASS = "biometric-transient";

  private final String name;
  private final RetentionPolicy policy;
  private final RetentionDecider decider;
  private final ExpiredRecords expired;
  private final RecordDeletion deletion;
  private final RecordAnonymizing anonymizing;
  private final LegalHolds holds;

  private RetentionSweep(String name, Optional<Set<String>> onlyClasses, RetentionPolicy policy,
      PersonalDataStore records, ObjectStore objects, LegalHolds holds) {
    this.name = name;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.decider = new RetentionDecider(policy);
    this.expired = new ExpiredRecords(onlyClasses);
    this.deletion = new RecordDeletion(records, objects);
    this.anonymizing = new RecordAnonymizing(policy, records, objects);
    this.holds = Objects.requireNonNull(holds, "holds");
  }

  /** Every retention class. */
  public static RetentionSweep retentionSweep(RetentionPolicy policy, PersonalDataStore records,
      ObjectStore objects, LegalHolds holds) {
    return new RetentionSweep(RETENTION_SWEEP, Optional.empty(), policy, records, objects, holds);
  }

  /** Only {@value #BIOMETRIC_CLASS}, meant to run every few minutes. */
  public static RetentionSweep biometricPurge(RetentionPolicy policy, PersonalDataStore records,
      ObjectStore objects, LegalHolds holds) {
    return new RetentionSweep(BIOMETRIC_PURGE, Optional.of(Set.of(BIOMETRIC_CLASS)), policy,
        records, objects, holds);
  }

  /** Only the classes whose action is anonymize. */
  public static RetentionSweep anonymization(RetentionPolicy policy, PersonalDataStore records,
      ObjectStore objects, LegalHolds holds) {
    return new RetentionSweep(ANONYMIZATION, Optional.of(policy.anonymizedClasses()), policy,
        records, objects, holds);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<String> policyVersion() {
    return Optional.of(policy.version());
  }

  @Override
  public Batch nextBatch(Connection c, JobContext ctx) {
    List<Candidate> claimed = expired.claim(c, ctx.now(),
        ctx.resumeAfter().map(SweepCursor::decode), ctx.batchSize());
    if (claimed.isEmpty()) {
      return Batch.finished();
    }
    Tally tally = new Tally();
    for (Candidate record : claimed) {
      tally.scanned++;
      Decision decision;
      try {
        decision = decider.decide(new RecordFacts(record.id().toString(),
            record.retentionClass(), Optional.of(record.expiresAt()),
            holds.activeFor(c, record.id())), ctx.now());
      } catch (RuntimeException e) {
        tally.fail(ErrorCodes.of(e)); // e.g. a class the policy has no rule for: never guess
        continue;
      }
      // Java 17 has no pattern switch; Retain (not due after all) is only scanned.
      if (decision instanceof Decision.Held) {
        tally.held++;
      } else if (decision instanceof Decision.Anonymize) {
        RecordAnonymizing.Result result = anonymizing.anonymize(c, ctx, record);
        switch (result.kind()) {
          case ANONYMIZED -> tally.anonymized++;
          case DEFERRED -> tally.deferred++;
          case FAILED -> tally.fail(result.errorCode().orElseThrow());
        }
      } else if (decision instanceof Decision.Delete) {
        deletion.delete(c, ctx, record).ifPresentOrElse(tally::fail, () -> tally.deleted++);
      }
    }
    Candidate last = claimed.get(claimed.size() - 1);
    return new Batch(tally.counts(),
        Optional.of(new SweepCursor(last.expiresAt(), last.id()).encode()), tally.lastError);
  }

  /** A batch's counts as it goes. */
  private static final class Tally {
    long scanned;
    long deleted;
    long anonymized;
    long held;
    long deferred;
    long failed;
    Optional<String> lastError = Optional.empty();

    void fail(String code) {
      failed++;
      lastError = Optional.of(code);
    }

    JobCounts counts() {
      return new JobCounts(scanned, deleted, anonymized, held, deferred, failed);
    }
  }
}
