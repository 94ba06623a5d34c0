package io.lethe.lifecycle;

import java.util.Objects;

/**
 * The one unchecked exception of lifecycle-scheduler. Messages are written for operators and name
 * policies, retention classes and record ids, never a field value.
 */
public class LifecycleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final LifecycleErrorCode code;

  public LifecycleException(LifecycleErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** With a cause, for failures of the platform (I/O, JDBC). */
  public LifecycleException(LifecycleErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public LifecycleErrorCode code() {
    return code;
  }

  @Override
  public String getMessage() {
    return code.code() + ": " + super.getMessage();
  }
}
