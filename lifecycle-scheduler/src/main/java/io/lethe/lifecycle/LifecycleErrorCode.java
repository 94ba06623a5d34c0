package io.lethe.lifecycle;

/**
 * Stable, dotted error codes of lifecycle-scheduler. Callers (the REST layer, the CLI's exit-code
 * mapper) switch over this enum exhaustively, so a new code cannot ship unmapped; the dotted form
 * appears in problem details and logs and must never change once released.
 */
public enum LifecycleErrorCode {
  /** A retention policy file that does not load; the exception lists every problem. */
  POLICY_INVALID("lifecycle.policy.invalid"),
  /** A retention class that the policy has no rule for. */
  POLICY_CLASS_UNKNOWN("lifecycle.policy.class-unknown"),
  /** The policy lacks rules for retention classes that the schema declares. */
  POLICY_SCHEMA_MISMATCH("lifecycle.policy.schema-mismatch"),
  /** A hold request that is incomplete or contradictory; the message says which part. */
  HOLD_INVALID("lifecycle.hold.invalid"),
  HOLD_NOT_FOUND("lifecycle.hold.not-found"),
  /** Releasing a hold that was already released. */
  HOLD_ALREADY_RELEASED("lifecycle.hold.already-released"),
  /** The subject or record to hold does not exist (or the record is already deleted). */
  HOLD_TARGET_NOT_FOUND("lifecycle.hold.target-not-found"),
  /** An erasure (or other deletion) that a legal hold forbids for now. */
  HELD("lifecycle.held"),
  /** A job that may only be run on request was given a cron schedule. */
  SCHEDULE_FORBIDDEN("lifecycle.scheduler.schedule-forbidden"),
  /** A job name that no scheduler or runner knows. */
  JOB_UNKNOWN("lifecycle.job.unknown"),
  JOB_RUN_NOT_FOUND("lifecycle.job.run-not-found"),
  /** A job-run status change that {@code JobRunStatus} does not allow. */
  JOB_RUN_TRANSITION_INVALID("lifecycle.job.run-transition-invalid"),
  /** A job batch failed for a reason that has no more specific code. */
  JOB_FAILED("lifecycle.job.failed"),
  /** A run left RUNNING by a node that stopped (crash, kill) without finishing it. */
  JOB_ABANDONED("lifecycle.job.abandoned"),
  /** Quartz refused to start, schedule or trigger; the cause says why. */
  SCHEDULER_FAILED("lifecycle.scheduler.failed"),
  /** A cron expression in the configuration that Quartz cannot parse. */
  SCHEDULE_INVALID("lifecycle.scheduler.schedule-invalid"),
  REQUEST_NOT_FOUND("lifecycle.request.not-found"),
  /** A subject-request status change that {@code RequestStatus} does not allow. */
  REQUEST_TRANSITION_INVALID("lifecycle.request.transition-invalid"),
  /** The subject or record a retention trigger names does not exist. */
  TRIGGER_TARGET_NOT_FOUND("lifecycle.trigger.target-not-found"),
  /**
   * A closure or reopening that the subject's state does not allow: closing a subject already
   * closed or erased, reopening one that is not closed.
   */
  CLOSURE_INVALID("lifecycle.closure.invalid"),
  /**
   * A trigger that does not apply to the record: its retention class counts from another event,
   * or the record is no longer ACTIVE.
   */
  TRIGGER_NOT_APPLICABLE("lifecycle.trigger.not-applicable"),
  /** The database refused or failed; SQLState only, never data. */
  DATABASE("lifecycle.database");

  private final String code;

  LifecycleErrorCode(String code) {
    this.code = code;
  }

  /** The stable dotted form, e.g. {@code lifecycle.policy.invalid}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
