package io.lethe.lifecycle.erasure;

import io.lethe.lifecycle.Jdbc;
import io.lethe.lifecycle.holds.LegalHolds;
import io.lethe.lifecycle.jobs.Batch;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.LifecycleJob;
import io.lethe.lifecycle.requests.RequestKind;
import io.lethe.lifecycle.requests.SubjectRequest;
import io.lethe.lifecycle.requests.SubjectRequests;
import io.lethe.lifecycle.retention.SubjectAnonymization;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code service-termination}: what the policies promise when the service ends ("删除或匿名化").
 * Every subject not yet erased is erased, except those a legal hold covers (on the subject or
 * any of its records), which are left untouched and counted as held. Records whose retention
 * class ends in anonymization are anonymized first, ahead of their expiry, so the statistics
 * the policy keeps them for survive; everything else of the subject is erased. Only on request,
 * never on a schedule ({@link #onRequestOnly()}), and under its own permission.
 *
 * <p>Two phases in one run. First it walks the subjects by id, anonymizes what their policy
 * anonymizes and records an erasure for each one not held ({@code scanned} subjects,
 * {@code anonymized} records, {@code skippedForHold} held); then it carries out
 * every pending erasure with the {@link ErasureJob}'s steps (key first, then rows and objects;
 * {@code deleted} rows and objects). Both phases resume after a crash. A dry run only walks and
 * counts. The audit trail is kept: it is the record that the promise was kept.
 */
public final class ServiceTermination implements LifecycleJob {

  public static final String NAME = "service-termination";
  /** Who the erasures it records were requested by. */
  public static final String REQUESTER = "service-termination";
  private static final String WALK = "walk|";
  private static final String ERASE = "erase|";

  private final ErasureJob erasure;
  private final SubjectAnonymization anonymization;
  private final LegalHolds holds;
  private final SubjectRequests requests;
  private final Erasures erasures = new Erasures();

  public ServiceTermination(ErasureJob erasure, SubjectAnonymization anonymization,
      LegalHolds holds, SubjectRequests requests) {
    this.erasure = Objects.requireNonNull(erasure, "erasure");
    this.anonymization = Objects.requireNonNull(anonymization, "anonymization");
    this.holds = Objects.requireNonNull(holds, "holds");
    this.requests = Objects.requireNonNull(requests, "requests");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean onRequestOnly() {
    return true;
  }

  @Override
  public Batch nextBatch(Connection c, JobContext ctx) {
    String position = ctx.resumeAfter().orElse(WALK);
    if (position.startsWith(WALK)) {
      String after = position.substring(WALK.length());
      return walk(c, ctx, after.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(after)));
    }
    String inner = position.substring(ERASE.length());
    Batch step = erasure.nextBatch(c, new JobContext(ctx.runId(), ctx.dryRun(), ctx.now(),
        ctx.batchSize(), inner.isEmpty() ? Optional.empty() : Optional.of(inner)));
    if (step.isLast()) {
      return step;
    }
    JobCounts n = step.counts();
    // The walk counted the subjects; here only what was purged, held or failed counts.
    return new Batch(new JobCounts(0, n.deleted(), 0, n.skippedForHold(), 0, n.failed()),
        Optional.of(ERASE + step.resumeAfter().orElseThrow()), step.lastErrorCode());
  }

  private Batch walk(Connection c, JobContext ctx, Optional<UUID> after) {
    List<UUID> subjects = subjectsToErase(c, after, ctx.batchSize());
    if (subjects.isEmpty()) {
      // A dry run stops here: erasing is what it must not do.
      return ctx.dryRun() ? Batch.finished()
          : new Batch(JobCounts.ZERO, Optional.of(ERASE), Optional.empty());
    }
    long held = 0;
    long anonymized = 0;
    for (UUID subject : subjects) {
      if (holds.activeForSubject(c, subject).stream().anyMatch(h -> h.appliesAt(ctx.now()))) {
        held++;
        continue;
      }
      if (erasures.find(c, subject).isPresent()) {
        continue; // already on its way out: a resumed walk, or an erasure asked for earlier
      }
      anonymized += anonymization.anonymize(c, ctx, subject);
      if (!ctx.dryRun()) {
        // A request like any other (audited as request.received), followed by its id.
        SubjectRequest request = requests.receive(c, subject, RequestKind.ERASURE, REQUESTER);
        erasures.request(c, subject, request.id(), REQUESTER, request.createdAt());
      }
    }
    return new Batch(new JobCounts(subjects.size(), 0, anonymized, held, 0, 0),
        Optional.of(WALK + subjects.get(subjects.size() - 1)), Optional.empty());
  }

  /** Subjects not erased yet, by id. */
  private static List<UUID> subjectsToErase(Connection c, Optional<UUID> after, int limit) {
    String sql = "SELECT s.id FROM subjects s WHERE s.status <> 'ERASED'"
        + (after.isPresent() ? " AND s.id > ?" : "")
        + " ORDER BY s.id FETCH FIRST " + limit + " ROWS ONLY";
    List<UUID> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (after.isPresent()) {
        ps.setObject(1, after.get());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getObject(1, UUID.class));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failed("list subjects to erase", e);
    }
    return out;
  }
}
