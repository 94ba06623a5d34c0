package io.lethe.audit;

/** Stable error codes of the audit module; the REST layer maps each to an HTTP status. */
public enum AuditErrorCode {
  /** The event could not be written durably; the access it records must fail. */
  OUTBOX_UNAVAILABLE("audit.outbox.unavailable"),
  /** Elasticsearch did not accept a batch; events stay in the outbox. */
  INDEX_UNAVAILABLE("audit.index.unavailable");

  private final String code;

  AuditErrorCode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
