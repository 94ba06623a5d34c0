package io.lethe.lifecycle.requests;

/**
 * The status of a subject request. {@link #allowed} is the one table of permitted changes; the
 * store refuses anything else with {@code lifecycle.request.transition-invalid}.
 *
 * <pre>
 * RECEIVED ─┬─> RUNNING ─┬─> DONE
 *           │            └─> FAILED
 *           ├─> REFUSED   (e.g. a legal hold applies)
 *           └─> FAILED    (could not even start)
 * </pre>
 */
public enum RequestStatus {
  /** On record, not started. */
  RECEIVED,
  /** Being carried out. */
  RUNNING,
  DONE,
  /** Stopped by an error; a new attempt is a new request, so each one stays what happened. */
  FAILED,
  /** Not carried out, for a reason the request's audit events name by code. */
  REFUSED;

  /** Whether a request may move from {@code from} to {@code to}. */
  public static boolean allowed(RequestStatus from, RequestStatus to) {
    return switch (from) {
      case RECEIVED -> to == RUNNING || to == REFUSED || to == FAILED;
      case RUNNING -> to == DONE || to == FAILED;
      case DONE, FAILED, REFUSED -> false;
    };
  }

  public boolean isFinal() {
    return this == DONE || this == FAILED || this == REFUSED;
  }
}
