package io.lethe.lifecycle.jobs;

/**
 * The status of a job run. Every allowed change is listed in {@link #canMoveTo}, the one place
 * that decides; stores refuse anything else with {@code lifecycle.job.run-transition-invalid}.
 */
public enum JobRunStatus {
  /** Created by "run now", waiting for a scheduler thread. */
  QUEUED,
  /** Processing batches; counters are committed with each batch. */
  RUNNING,
  SUCCEEDED,
  /** Stopped by an error, or abandoned by a node that died; rerunning resumes the work. */
  FAILED,
  /** Stopped on request, before it started or between two batches. */
  CANCELLED;

  public boolean canMoveTo(JobRunStatus next) {
    return switch (this) {
      case QUEUED -> next == RUNNING || next == CANCELLED || next == FAILED;
      case RUNNING -> next == SUCCEEDED || next == FAILED || next == CANCELLED;
      // Final: a new attempt is a new run, so each run's report stays what happened.
      case SUCCEEDED, FAILED, CANCELLED -> false;
    };
  }

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
