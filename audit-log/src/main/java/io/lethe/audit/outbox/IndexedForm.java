package io.lethe.audit.outbox;

import io.lethe.audit.chain.ChainLink;

/**
 * The document as indexed: the outbox form with its {@code lethe.chain} link (ADR 0008). The link
 * is written into the stored text as the first member of {@code lethe} ("chain" sorts before
 * every other {@code lethe} key), so the canonical form stays sorted and nothing is parsed.
 */
final class IndexedForm {

  // In JSON text this sequence can only be the key "lethe" opening an object: a quote inside a
  // string is always escaped. EcsDocument writes exactly one, at the top level, in every event.
  private static final String LETHE = "\"lethe\":{";

  private IndexedForm() {}

  static String of(String document, ChainLink link) {
    int at = document.indexOf(LETHE);
    if (at < 0) {
      throw new IllegalStateException("An outbox document has no lethe object");
    }
    int body = at + LETHE.length();
    StringBuilder out = new StringBuilder(document.length() + 200)
        .append(document, 0, body)
        .append("\"chain\":{\"seq\":").append(link.seq())
        .append(",\"prev\":\"").append(link.prev())
        .append("\",\"hash\":\"").append(link.hash()).append("\"}");
    if (document.charAt(body) != '}') {
      out.append(',');
    }
    return out.append(document, body, document.length()).toString();
  }
}
