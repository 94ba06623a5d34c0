package io.lethe.lifecycle.jobs;

import java.sql.Connection;
import java.util.Optional;

/**
 * A lifecycle job, run by {@link JobRunner} one batch at a time.
 *
 * <p><b>Contract.</b> {@link #nextBatch} does all its writes, and the audit event of each action,
 * with the given connection and neither commits nor rolls back: the runner commits the batch
 * together with the run's progress, so after a crash the run's counters and position say
 * exactly what was done. A batch must be safe to redo after a rollback, and must claim its work
 * with row locks so that two runners on one database never take the same item. In a dry run it
 * writes nothing and returns what it would have done.
 *
 * <p>Implementations are stateless between batches (the position travels in the
 * {@link JobContext}) and thread-safe: two runs of one job may run on two nodes.
 */
public interface LifecycleJob {

  /** The stable name, e.g. {@code retention-sweep}: the Quartz job key and the run's name. */
  String name();

  /** The policy version the job applies, recorded with each run. */
  default Optional<String> policyVersion() {
    return Optional.empty();
  }

  /**
   * True for a job that must only ever run because someone asked, such as
   * {@code service-termination}: a scheduler refuses to give it a cron schedule.
   */
  default boolean onRequestOnly() {
    return false;
  }

  /**
   * Processes up to {@code ctx.batchSize()} items after {@code ctx.resumeAfter()}.
   *
   * @return what it did; {@link Batch#isLast()} when there was nothing left
   */
  Batch nextBatch(Connection c, JobContext ctx);
}
