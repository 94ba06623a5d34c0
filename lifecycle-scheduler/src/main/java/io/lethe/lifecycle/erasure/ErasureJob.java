package io.lethe.lifecycle.erasure;

import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.Jdbc;
import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.holds.LegalHolds;
import io.lethe.lifecycle.jobs.Batch;
import io.lethe.lifecycle.jobs.ErrorCodes;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.LifecycleJob;
import io.lethe.lifecycle.policy.HoldRef;
import io.lethe.lifecycle.requests.RequestStatus;
import io.lethe.lifecycle.requests.SubjectRequests;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.RecordChange;
import io.lethe.storage.SubjectStatus;
import io.lethe.storage.SubjectSummary;
import io.lethe.storage.objects.ObjectStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code erasure}: carries out the subjects' erasure requests recorded in {@link Erasures}, one
 * step per batch, each step committed with its audit events, its request status
 * ({@link SubjectRequests}) and its counters (ADR 0015):
 *
 * <ol>
 *   <li>the subject key is destroyed (with the blind index rows) and the request moves from
 *       RECEIVED to RUNNING: from that commit nothing of the subject can be read or found,
 *       whatever is still stored. A legal hold active then refuses the request (REFUSED,
 *       {@code lifecycle.held}), counted as held;
 *   <li>its records become value-free tombstones, {@code batchSize} at a time;
 *   <li>its objects are deleted, {@code batchSize} (at most 1000) at a time, with one S3 batch
 *       delete each; an object store or Vault failure is retried with {@link Backoff}, and when
 *       it lasts the step is undone, the failure recorded on the erasure, the run and the audit
 *       trail, and a later run continues from there (the request stays RUNNING);
 *   <li>the request moves to DONE and {@code subject.erase} is audited.
 * </ol>
 *
 * <p>Every step is safe to redo, so a run killed anywhere resumes, on any node, without doing
 * anything twice. Counts: {@code scanned} erasures finished, held or failed; {@code deleted}
 * records and objects purged. A dry run reports, per pending erasure, what it would purge.
 */
public final class ErasureJob implements LifecycleJob {

  public static final String NAME = "erasure";
  /** S3's limit on keys per DeleteObjects request. */
  private static final int MAX_OBJECTS_PER_BATCH = 1000;

  private final PersonalDataStore store;
  private final ObjectStore objects;
  private final LegalHolds holds;
  private final SubjectRequests requests;
  private final Backoff backoff;
  private final Clock clock;
  private final Erasures erasures = new Erasures();
  private final AuditOutbox audit = new AuditOutbox();

  public ErasureJob(PersonalDataStore store, ObjectStore objects, LegalHolds holds,
      SubjectRequests requests, Backoff backoff, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.objects = Objects.requireNonNull(objects, "objects");
    this.holds = Objects.requireNonNull(holds, "holds");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Batch nextBatch(Connection c, JobContext ctx) {
    Optional<Erasure> next = erasures.claimNext(c, ErasureCursor.decode(ctx.resumeAfter()));
    if (next.isEmpty()) {
      return Batch.finished();
    }
    Erasure e = next.get();
    Step step = new Step(c, ctx, e, ctx.resumeAfter().orElse(ErasureCursor.START));
    if (ctx.dryRun()) {
      return step.dryRun();
    }
    if (e.keyDestroyedAt().isEmpty()) {
      return step.destroyKey();
    }
    return step.purge();
  }

  /** One batch's work on one erasure. */
  private final class Step {
    private final Connection c;
    private final JobContext ctx;
    private final Erasure e;
    /** The position that keeps this erasure next in line, and the one that passes it. */
    private final String stay;
    private final String pass;

    Step(Connection c, JobContext ctx, Erasure e, String stay) {
      this.c = c;
      this.ctx = ctx;
      this.e = e;
      this.stay = stay;
      this.pass = ErasureCursor.past(e).encode();
    }

    Batch dryRun() {
      if (e.keyDestroyedAt().isEmpty() && hold().isPresent()) {
        return new Batch(new JobCounts(1, 0, 0, 1, 0, 0), Optional.of(pass), Optional.empty());
      }
      SubjectSummary s = store.describeSubject(c, e.subjectId());
      return new Batch(new JobCounts(1, s.records() + s.objects(), 0, 0, 0, 0),
          Optional.of(pass), Optional.empty());
    }

    Batch destroyKey() {
      Optional<HoldRef> hold = hold();
      if (hold.isPresent()) {
        // Held since it was accepted: refused, as the API would have; asking again after the
        // hold ends is a new request.
        audit.append(c, ctx.event("subject.erase", Outcome.FAILURE).subject(e.subjectId())
            .hold(UUID.fromString(hold.get().holdId()))
            .errorCode(LifecycleErrorCode.HELD.code()).build());
        requests.transition(c, e.requestId(), RequestStatus.REFUSED,
            LifecycleErrorCode.HELD.code());
        erasures.forget(c, e.subjectId());
        return new Batch(new JobCounts(1, 0, 0, 1, 0, 0), Optional.of(stay), Optional.empty());
      }
      Savepoint before = savepoint();
      try {
        // Erased by another path already (a synchronous erasure of an older version): the key
        // is gone, which is all this step is for.
        if (store.describeSubject(c, e.subjectId()).status() != SubjectStatus.ERASED) {
          store.destroySubjectKey(c, e.subjectId());
        }
        erasures.keyDestroyed(c, e.subjectId(), now());
        requests.transition(c, e.requestId(), RequestStatus.RUNNING);
        audit.append(c, ctx.event("subject.key.destroy", Outcome.SUCCESS).subject(e.subjectId())
            .category("configuration").build());
        return new Batch(JobCounts.ZERO, Optional.of(stay), Optional.empty());
      } catch (RuntimeException failure) {
        rollbackTo(before, failure);
        if (Backoff.passing(failure)) {
          return failed(failure); // the key is still there: a later run tries again
        }
        // Nothing was done and nothing can be (e.g. the subject does not exist): say so.
        requests.transition(c, e.requestId(), RequestStatus.FAILED, ErrorCodes.of(failure));
        erasures.forget(c, e.subjectId());
        return failed(failure);
      }
    }

    Batch purge() {
      List<RecordChange> records = store.purgeErasedRecords(c, e.subjectId(), ctx.batchSize());
      if (!records.isEmpty()) {
        for (RecordChange r : records) {
          audit.append(c, ctx.event("record.delete", Outcome.SUCCESS).subject(e.subjectId())
              .record(r.recordId(), r.type()).build());
        }
        erasures.purged(c, e.subjectId(), records.size(), 0);
        return progress(records.size());
      }
      Savepoint before = savepoint();
      List<UUID> deleted;
      try {
        deleted = backoff.call(() -> objects.deleteBatch(c, e.subjectId(),
            Math.min(ctx.batchSize(), MAX_OBJECTS_PER_BATCH)), () -> rollbackTo(before, null));
      } catch (RuntimeException failure) {
        return failed(failure);
      }
      if (!deleted.isEmpty()) {
        for (UUID object : deleted) {
          audit.append(c, ctx.event("object.delete", Outcome.SUCCESS).subject(e.subjectId())
              .object(object).build());
        }
        erasures.purged(c, e.subjectId(), 0, deleted.size());
        return progress(deleted.size());
      }
      erasures.finish(c, e.subjectId(), now());
      requests.transition(c, e.requestId(), RequestStatus.DONE);
      audit.append(c, ctx.event("subject.erase", Outcome.SUCCESS).subject(e.subjectId())
          .build());
      return new Batch(new JobCounts(1, 0, 0, 0, 0, 0), Optional.of(stay), Optional.empty());
    }

    private Batch progress(long purged) {
      return new Batch(new JobCounts(0, purged, 0, 0, 0, 0), Optional.of(stay),
          Optional.empty());
    }

    /**
     * The step was undone; say so on the erasure, the run and the audit trail, and move on. Once
     * the key is gone the request stays RUNNING whatever the failure: a later run finishes it.
     */
    private Batch failed(RuntimeException failure) {
      String code = ErrorCodes.of(failure);
      erasures.failed(c, e.subjectId(), code);
      audit.append(c, ctx.event("subject.erase", Outcome.FAILURE).subject(e.subjectId())
          .errorCode(code).build());
      return new Batch(new JobCounts(1, 0, 0, 0, 0, 1), Optional.of(pass), Optional.of(code));
    }

    private Optional<HoldRef> hold() {
      return holds.activeForSubject(c, e.subjectId()).stream()
          .filter(h -> h.appliesAt(ctx.now())).findFirst();
    }

    private Savepoint savepoint() {
      try {
        return c.setSavepoint();
      } catch (SQLException ex) {
        throw Jdbc.failed("set a savepoint", ex);
      }
    }

    private void rollbackTo(Savepoint savepoint, RuntimeException cause) {
      try {
        c.rollback(savepoint);
      } catch (SQLException ex) {
        if (cause != null) {
          cause.addSuppressed(ex);
        }
        throw Jdbc.failed("undo a failed erasure step", ex);
      }
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
