package io.lethe.audit.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Searches the audit trail. Callers record every search and export as an audit event of its own.
 *
 * <p>Thread safety: implementations are safe for concurrent use. Failures of the index throw
 * {@code AuditException} with {@code audit.index.unavailable}; a malformed cursor throws
 * {@link IllegalArgumentException}.
 */
public interface AuditSearch {

  /** A page of matching events in time order; pass {@link AuditPage#next()} for the next one. */
  AuditPage search(AuditQuery query);

  /** Counts of the matching events by actor, action and day. */
  AuditCounts counts(AuditQuery query);

  /** Every matching event in time order, page by page, for exports of any size. */
  void forEach(AuditQuery query, Consumer<JsonNode> sink);

  /**
   * The incident question: the distinct subjects whose data {@code actor} (or, if actor is null,
   * {@code sourceIp}) touched in [from, to), each with its count and first and last access.
   */
  void touchedSubjects(String actor, String sourceIp, Instant from, Instant to,
      Consumer<TouchedSubject> sink);
}
