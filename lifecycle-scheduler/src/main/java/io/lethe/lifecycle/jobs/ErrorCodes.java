package io.lethe.lifecycle.jobs;

import io.lethe.audit.AuditException;
import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.storage.StorageException;

/**
 * The stable dotted code of a failure, for job reports: codes travel, messages stay in the logs
 * (a driver message can quote a value; a code cannot).
 */
public final class ErrorCodes {

  private ErrorCodes() {}

  public static String of(Throwable t) {
    if (t instanceof LifecycleException e) {
      return e.code().code();
    }
    if (t instanceof StorageException e) {
      return e.code().code();
    }
    if (t instanceof AuditException e) {
      return e.code().code();
    }
    return LifecycleErrorCode.JOB_FAILED.code();
  }
}
