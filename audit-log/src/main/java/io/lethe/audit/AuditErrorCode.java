package io.lethe.audit;

/** Stable error codes of the audit module; the REST layer maps each to an HTTP status. */
public enum AuditErrorCode {
  /** The event could not be written durably; the access it records must fail. */
  OUTBOX_UNAVAILABLE("audit.outbox.unavailable"),
  /** Elasticsearch did not accept a batch; events stay in the outbox. */
  INDEX_UNAVAILABLE("audit.index.unavailable"),
  /**
   * The chain does not verify where retention would drop indices; nothing was dropped, since
   * dropping would destroy the evidence and record a floor over it.
   */
  CHAIN_BROKEN("audit.chain.broken");

  private final String code;

  AuditErrorCode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
