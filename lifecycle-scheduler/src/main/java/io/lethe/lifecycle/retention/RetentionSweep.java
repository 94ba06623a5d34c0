package io.lethe.lifecycle.retention;

import io.lethe.lifecycle.holds.LegalHolds;
import io.lethe.lifecycle.jobs.Batch;
import io.lethe.lifecycle.jobs.ErrorCodes;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.LifecycleJob;
import io.lethe.lifecycle.policy.Decision;
import io.lethe.lifecycle.policy.HoldRef;
import io.lethe.lifecycle.policy.RecordFacts;
import io.lethe.lifecycle.policy.RetentionDecider;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.retention.ExpiredRecords.Candidate;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.objects.ObjectStore;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
 * <p>A batch's holds are read with one query, and its records due for deletion are deleted as
 * one set ({@link RecordDeletion#deleteAll}: a few statements and one S3 batch delete, not a
 * dozen statements per record). Anonymization stays per record, each field under its own rule.
 * Each record keeps its own outcome: if the set fails, it is undone and its records are deleted
 * one by one, each under a savepoint, so that a failure (bucket unreachable, key store down)
 * undoes that record's rows only, is audited as a failed {@code record.delete} with its code,
 * counts as failed, and the sweep goes on; the record stays ACTIVE for a later run.
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
    // One query for the batch's holds; the claim's row locks keep them valid until commit.
    Map<UUID, List<HoldRef>> held =
        holds.activeForRecords(c, claimed.stream().map(Candidate::id).toList());
    Tally tally = new Tally();
    List<Candidate> toDelete = new ArrayList<>();
    for (Candidate record : claimed) {
      Decision decision;
      try {
        decision = decider.decide(new RecordFacts(record.id().toString(),
            record.retentionClass(), Optional.of(record.expiresAt()),
            held.getOrDefault(record.id(), List.of())), ctx.now());
      } catch (RuntimeException e) {
        // e.g. a class the policy has no rule for: never guess
        tally.fail(record, ErrorCodes.of(e));
        continue;
      }
      // Java 17 has no pattern switch; Retain (not due after all) is only scanned.
      if (decision instanceof Decision.Held) {
        tally.held++;
      } else if (decision instanceof Decision.Anonymize) {
        // Per record: each field is generalized under its own rule (ADR 0012).
        RecordAnonymizing.Result result = anonymizing.anonymize(c, ctx, record);
        switch (result.kind()) {
          case ANONYMIZED -> tally.anonymized++;
          case DEFERRED -> tally.deferred++;
          case FAILED -> tally.fail(record, result.errorCode().orElseThrow());
        }
      } else if (decision instanceof Decision.Delete) {
        toDelete.add(record);
      }
    }
    Map<UUID, String> failed = deletion.deleteAll(c, ctx, toDelete);
    tally.deleted += toDelete.size() - failed.size();
    toDelete.stream().filter(r -> failed.containsKey(r.id()))
        .forEach(r -> tally.fail(r, failed.get(r.id())));
    Candidate last = claimed.get(claimed.size() - 1);
    return new Batch(tally.counts(claimed.size()),
        Optional.of(new SweepCursor(last.expiresAt(), last.id()).encode()),
        tally.lastError(claimed));
  }

  /** A batch's counts as it goes. */
  private static final class Tally {
    long deleted;
    long anonymized;
    long held;
    long deferred;
    private final Map<UUID, String> failed = new HashMap<>();

    void fail(Candidate record, String code) {
      failed.put(record.id(), code);
    }

    JobCounts counts(long scanned) {
      return new JobCounts(scanned, deleted, anonymized, held, deferred, failed.size());
    }

    /** The code of the last record, in claim order, that failed. */
    Optional<String> lastError(List<Candidate> claimed) {
      for (int i = claimed.size() - 1; i >= 0; i--) {
        String code = failed.get(claimed.get(i).id());
        if (code != null) {
          return Optional.of(code);
        }
      }
      return Optional.empty();
    }
  }
}
