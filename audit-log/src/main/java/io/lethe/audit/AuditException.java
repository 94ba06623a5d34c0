package io.lethe.audit;

/** The audit trail could not record or deliver events. Carries a stable code. */
public final class AuditException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final AuditErrorCode code;

  public AuditException(AuditErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public AuditErrorCode code() {
    return code;
  }
}
