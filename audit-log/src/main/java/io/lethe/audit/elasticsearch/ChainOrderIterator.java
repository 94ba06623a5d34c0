package io.lethe.audit.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The audit documents below a sequence number in chain order, fetched page by page with
 * search_after on the sequence number.
 *
 * <p>Several documents may claim one number: that is what an inserted event looks like, and
 * {@code verify} must see every one of them. Sequence numbers are not a unique sort key and
 * Elasticsearch offers no sortable unique one here (sorting on {@code _id} is off by default, and
 * a forged copy may repeat the event id and the index), so a page never ends inside a number:
 * a full page gives back the hits of its last number and the next page starts at that number.
 * A page whose hits all claim one number is passed on whole (verify then sees the repetition)
 * and the next page starts after it.
 */
final class ChainOrderIterator implements Iterator<IndexedEvent> {

  private final ElasticsearchClient client;
  private final String pattern;
  private final long belowSeq;
  private final int pageSize;
  private final Deque<IndexedEvent> page = new ArrayDeque<>();
  private List<FieldValue> after;
  private boolean exhausted;

  ChainOrderIterator(ElasticsearchClient client, String pattern, long belowSeq, int pageSize) {
    this.client = client;
    this.pattern = pattern;
    this.belowSeq = belowSeq;
    this.pageSize = pageSize;
  }

  @Override
  public boolean hasNext() {
    if (page.isEmpty() && !exhausted) {
      fetch();
    }
    return !page.isEmpty();
  }

  @Override
  public IndexedEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.removeFirst();
  }

  private void fetch() {
    try {
      SearchResponse<ObjectNode> response = client.search(s -> {
        s.index(pattern).allowNoIndices(true).ignoreUnavailable(true)
            .size(pageSize)
            .sort(o -> o.field(f -> f.field("lethe.chain.seq").order(SortOrder.Asc)));
        if (belowSeq < Long.MAX_VALUE) {
          s.query(q -> q.range(r -> r.untyped(u -> u.field("lethe.chain.seq")
              .lt(JsonData.of(belowSeq)))));
        }
        if (after != null) {
          s.searchAfter(after);
        }
        return s;
      }, ObjectNode.class);
      List<Hit<ObjectNode>> hits = response.hits().hits();
      int keep = hits.size();
      if (hits.size() < pageSize) {
        exhausted = true;
      } else {
        long last = seqOf(hits.get(keep - 1));
        while (keep > 0 && seqOf(hits.get(keep - 1)) == last) {
          keep--;
        }
        if (keep == 0) {
          keep = hits.size();
        }
        after = List.of(FieldValue.of(seqOf(hits.get(keep - 1))));
      }
      hits.subList(0, keep).forEach(h -> page.addLast(new IndexedEvent(h.index(), h.source())));
    } catch (IOException | RuntimeException e) {
      throw new AuditException(AuditErrorCode.INDEX_UNAVAILABLE,
          "The audit trail could not be read from Elasticsearch", e);
    }
  }

  /** The hit's sort value: its sequence number, or Long.MAX_VALUE where it has none. */
  private static long seqOf(Hit<ObjectNode> hit) {
    FieldValue value = hit.sort().get(0);
    return value.isLong() ? value.longValue() : Long.MAX_VALUE;
  }
}
