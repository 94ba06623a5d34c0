package io.lethe.lifecycle.redate;

import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.jobs.Batch;
import io.lethe.lifecycle.jobs.ErrorCodes;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.LifecycleJob;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.policy.RetentionRule;
import io.lethe.storage.Expiry;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code retention-redate}: dates the records that an earlier policy version dated (or left
 * undated) by the policy loaded now, so that a shortened period deletes existing records sooner
 * and a lengthened one keeps them longer (ADR 0017, 2026-12). Each record's expiry becomes the
 * start of its period plus the class's period now, with this version and that start
 * ({@link PeriodStart}); a record whose class now counts from an event that has not happened
 * loses its date. Held records are dated like the others: the sweep skips them while held.
 *
 * <p>Counts: {@code scanned} records claimed, {@code redated} those whose expiry moved, was set or
 * was cleared (each audited as {@code record.redate}, in the batch's transaction); a record whose
 * date stays only takes the version and start. {@code failed}: a class the policy has no rule
 * for ({@code lifecycle.policy.class-unknown}; start-up refuses such a policy, see
 * {@link PolicyChange}), left as it is. A dry run counts and changes nothing.
 */
public final class RetentionRedate implements LifecycleJob {

  public static final String NAME = "retention-redate";

  private final RetentionPolicy policy;
  private final RedateCandidates candidates;
  private final AuditOutbox audit = new AuditOutbox();

  public RetentionRedate(RetentionPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.candidates = new RedateCandidates(policy);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> policyVersion() {
    return Optional.of(policy.version());
  }

  @Override
  public Batch nextBatch(Connection c, JobContext ctx) {
    List<Candidate> claimed = candidates.claim(c, ctx.resumeAfter().map(UUID::fromString),
        ctx.batchSize());
    if (claimed.isEmpty()) {
      return Batch.finished();
    }
    Map<UUID, Optional<Expiry>> dating = new LinkedHashMap<>();
    long redated = 0;
    long failed = 0;
    Optional<String> lastError = Optional.empty();
    for (Candidate record : claimed) {
      RetentionRule rule;
      try {
        rule = policy.rule(record.retentionClass());
      } catch (RuntimeException e) {
        failed++;
        lastError = Optional.of(ErrorCodes.of(e));
        continue;
      }
      PeriodStart start = PeriodStart.of(rule, record, policy.version());
      if (start instanceof PeriodStart.NotRecorded) {
        continue;
      }
      Optional<Expiry> next = start instanceof PeriodStart.Known known
          ? Optional.of(policy.expiry(rule, known.at())) : Optional.empty();
      dating.put(record.id(), next);
      if (!next.map(Expiry::at).equals(record.expiresAt())) {
        redated++;
        if (!ctx.dryRun()) {
          audit.append(c, ctx.event("record.redate", Outcome.SUCCESS).subject(record.subjectId())
              .record(record.id(), record.type()).build());
        }
      }
    }
    if (!ctx.dryRun()) {
      candidates.update(c, dating);
    }
    return new Batch(new JobCounts(claimed.size(), 0, 0, 0, 0, failed, redated),
        Optional.of(claimed.get(claimed.size() - 1).id().toString()), lastError);
  }
}
