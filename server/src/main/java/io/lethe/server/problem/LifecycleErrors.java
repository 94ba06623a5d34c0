package io.lethe.server.problem;

import io.lethe.lifecycle.LifecycleErrorCode;
import org.springframework.http.HttpStatus;

/** HTTP status of each lifecycle error; exhaustive, so a new code cannot ship unmapped. */
final class LifecycleErrors {

  private LifecycleErrors() {}

  static HttpStatus status(LifecycleErrorCode code) {
    return switch (code) {
      case HOLD_INVALID, SCHEDULE_INVALID, SCHEDULE_FORBIDDEN -> HttpStatus.UNPROCESSABLE_CONTENT;
      case HOLD_NOT_FOUND, HOLD_TARGET_NOT_FOUND, JOB_UNKNOWN, JOB_RUN_NOT_FOUND,
          REQUEST_NOT_FOUND, TRIGGER_TARGET_NOT_FOUND ->
          HttpStatus.NOT_FOUND;
      case HOLD_ALREADY_RELEASED, JOB_RUN_TRANSITION_INVALID, HELD,
          REQUEST_TRANSITION_INVALID, CLOSURE_INVALID, TRIGGER_NOT_APPLICABLE ->
          HttpStatus.CONFLICT;
      case DATABASE, SCHEDULER_FAILED -> HttpStatus.SERVICE_UNAVAILABLE;
      case POLICY_INVALID, POLICY_CLASS_UNKNOWN, POLICY_SCHEMA_MISMATCH, JOB_FAILED,
          JOB_ABANDONED -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }
}
