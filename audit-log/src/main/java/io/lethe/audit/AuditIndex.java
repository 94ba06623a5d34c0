package io.lethe.audit;

import java.util.List;
import java.util.Set;

/**
 * Where shipped events are kept for search. Implementations must be idempotent by event id: a
 * document indexed twice under one id is one document.
 *
 * <p>Thread safety: implementations are safe for concurrent use.
 */
public interface AuditIndex {

  /**
   * A document ready to index: its id, the UTC month of its event ({@code 2026.11}, which picks
   * the monthly index) and its JSON.
   */
  record Document(String id, String month, String json) {}

  /** Creates index templates and anything else the index needs; safe to call repeatedly. */
  void prepare();

  /**
   * Indexes the documents in one bulk request.
   *
   * @return the ids the index confirmed; the others must be retried
   * @throws AuditException with {@link AuditErrorCode#INDEX_UNAVAILABLE} if the index is down
   */
  Set<String> index(List<Document> documents);
}
