package io.lethe.audit.search;

import java.time.Instant;
import java.util.Objects;

/**
 * Filters of an audit search; null means "any". Values are ids, names and codes (never personal
 * data), so a query itself is safe to record as an audit event.
 */
public record AuditQuery(String subjectId, String actor, String action, String outcome,
    String purpose, String recordType, String objectId, String requestId, String sourceIp,
    Instant from, Instant to, int size, String after) {

  public static final int MAX_SIZE = 1000;

  public AuditQuery {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("'from' must be before 'to'");
    }
    if (outcome != null && !outcome.matches("success|failure|unknown")) {
      throw new IllegalArgumentException("outcome must be success, failure or unknown");
    }
  }

  /** Everything, newest last, in pages of {@code size}. */
  public static AuditQuery all(int size) {
    return new AuditQuery(null, null, null, null, null, null, null, null, null, null, null, size,
        null);
  }

  public AuditQuery withAfter(String cursor) {
    return new AuditQuery(subjectId, actor, action, outcome, purpose, recordType, objectId,
        requestId, sourceIp, from, to, size, Objects.requireNonNull(cursor));
  }
}
