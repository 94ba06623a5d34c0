package io.lethe.lifecycle.jobs;

import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.Jdbc;
import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link LifecycleJob} batch by batch, one transaction per batch, and keeps its run row:
 * the batch's changes, their audit events and the run's new counters and position commit
 * together. A run whose node died stays RUNNING and {@link #execute} continues it from its last
 * committed batch. Audits {@code job.run.start} and {@code job.run.finish} (actor {@code lethe},
 * role {@code system}).
 *
 * <p>A dry run rolls every batch back to a savepoint before recording its counts, so even a job
 * that forgot to check {@link JobContext#dryRun()} changes no database row.
 *
 * <p>Thread-safe: concurrent runs use their own connections. A failing batch is rolled back and
 * ends the run FAILED with its error code; it never throws for a job's failure.
 */
public final class JobRunner {

  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final Transactions tx;
  private final JobRuns runs;
  private final AuditOutbox audit;
  private final Clock clock;
  private final int batchSize;

  public JobRunner(DataSource dataSource, AuditOutbox audit, Clock clock, int batchSize) {
    this.tx = new Transactions(dataSource);
    this.runs = new JobRuns();
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
    this.batchSize = batchSize;
  }

  /** Queues and runs in the calling thread; returns the final report. */
  public JobRun run(LifecycleJob job, boolean dryRun) {
    return execute(job, queue(job, dryRun).id());
  }

  /** Creates a QUEUED run, committed, for a scheduler thread to {@link #execute}. */
  public JobRun queue(LifecycleJob job, boolean dryRun) {
    return tx.inTransaction(c -> runs.queue(c, job.name(), dryRun, job.policyVersion(), now()));
  }

  /**
   * Runs a QUEUED run, or continues a RUNNING one from its last committed batch (the caller
   * must know its node died: Quartz's recovery of a fire does); returns a final run as it is
   * (e.g. cancelled before it started).
   */
  public JobRun execute(LifecycleJob job, UUID runId) {
    JobRun run = tx.inTransaction(c -> {
      JobRun current = runs.find(c, runId).orElseThrow(() -> new LifecycleException(
          LifecycleErrorCode.JOB_RUN_NOT_FOUND,
              "job run " + runId + " does not exist"));
      if (current.status() != JobRunStatus.QUEUED) {
        return current; // RUNNING: continued below; final: nothing left to do
      }
      JobRun started = runs.move(c, runId, JobRunStatus.RUNNING, Optional.empty(), now());
      audit.append(c, context(started, Optional.empty()).event("job.run.start", Outcome.SUCCESS)
          .timestamp(started.startedAt().orElseThrow()).build());
      return started;
    });
    if (run.status() != JobRunStatus.RUNNING) {
      return run;
    }
    return batches(job, run);
  }

  /**
   * Fails ({@code lifecycle.job.abandoned}, audited as a failed {@code job.run.finish}) every
   * RUNNING run whose last batch committed before {@code quietSince}, through the status table
   * (RUNNING → FAILED); of one job only when {@code jobName} is given. Returns the runs failed.
   * {@code quietSince} must lie further back than the longest batch, or a live run would be
   * failed under its node. The work itself is never lost: each job finds what is left from the
   * database, so a new run of the job takes it up.
   */
  public List<JobRun> failAbandoned(Optional<String> jobName, Instant quietSince) {
    return failQuiet(jobName, quietSince, Optional.empty());
  }

  /**
   * Fails, as {@link #failAbandoned}, every RUNNING run of the job but {@code continuing} that
   * has been silent since {@code quietSince}. A recent heartbeat is not taken for a dead node:
   * Quartz's clustered store can fire a non-concurrent job on two nodes at once when both
   * acquired a trigger of it in the same instant, and failing the other, live run would stop
   * good work.
   */
  public List<JobRun> failOtherRuns(String jobName, Optional<UUID> continuing,
      Instant quietSince) {
    return failQuiet(Optional.of(jobName), quietSince, continuing);
  }

  private List<JobRun> failQuiet(Optional<String> jobName, Instant quietSince,
      Optional<UUID> spare) {
    List<JobRun> failed = new ArrayList<>();
    for (JobRun quiet : tx.inTransaction(c -> runs.quiet(c, jobName, quietSince))) {
      if (spare.isPresent() && spare.get().equals(quiet.id())) {
        continue;
      }
      try {
        failed.add(finish(quiet, JobRunStatus.FAILED,
            Optional.of(LifecycleErrorCode.JOB_ABANDONED.code())));
      } catch (LifecycleException e) {
        if (e.code() != LifecycleErrorCode.JOB_RUN_TRANSITION_INVALID) {
          throw e;
        }
        // It ended meanwhile (its node was alive after all, or another node failed it first).
      }
    }
    return failed;
  }

  /** Cancels a QUEUED or RUNNING run; a running one stops before its next batch commits. */
  public JobRun cancel(UUID runId) {
    return tx.inTransaction(c ->
        runs.move(c, runId, JobRunStatus.CANCELLED, Optional.empty(), now()));
  }

  private JobRun batches(LifecycleJob job, JobRun run) {
    Optional<String> position = tx.inTransaction(c -> runs.resumeAfter(c, run.id()));
    while (true) {
      JobContext ctx = context(run, position);
      Batch batch;
      try {
        batch = tx.inTransaction(c -> {
          Savepoint before = run.dryRun() ? savepoint(c) : null;
          Batch b = job.nextBatch(c, ctx);
          if (before != null) {
            rollbackTo(c, before);
          }
          if (!runs.recordBatch(c, run.id(), b, now())) {
            throw new Cancelled();
          }
          return b;
        });
      } catch (Cancelled e) {
        return tx.inTransaction(c -> runs.find(c, run.id()).orElseThrow());
      } catch (RuntimeException e) {
        LOG.warn("job {} run {} failed: {}", job.name(), run.id(), ErrorCodes.of(e), e);
        return finish(run, JobRunStatus.FAILED, Optional.of(ErrorCodes.of(e)));
      }
      if (batch.isLast()) {
        return finish(run, JobRunStatus.SUCCEEDED, Optional.empty());
      }
      position = batch.resumeAfter();
    }
  }

  private JobRun finish(JobRun run, JobRunStatus status, Optional<String> errorCode) {
    return tx.inTransaction(c -> {
      JobRun done = runs.move(c, run.id(), status, errorCode, now());
      var event = context(run, Optional.empty()).event("job.run.finish",
          status == JobRunStatus.SUCCEEDED ? Outcome.SUCCESS : Outcome.FAILURE)
          .timestamp(done.finishedAt().orElseThrow());
      errorCode.ifPresent(event::errorCode);
      audit.append(c, event.build());
      return done;
    });
  }

  private JobContext context(JobRun run, Optional<String> position) {
    return new JobContext(run.id(), run.dryRun(), run.startedAt().orElseGet(this::now),
        batchSize, position);
  }

  private static Savepoint savepoint(Connection c) {
    try {
      return c.setSavepoint();
    } catch (SQLException e) {
      throw Jdbc.failed("set a savepoint for a dry run", e);
    }
  }

  private static void rollbackTo(Connection c, Savepoint savepoint) {
    try {
      c.rollback(savepoint);
    } catch (SQLException e) {
      throw Jdbc.failed("undo a dry-run batch", e);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** The run was cancelled while its batch ran: the batch is rolled back. */
  private static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super(null, null, false, false);
    }
  }
}
