package io.lethe.audit.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditException;
import io.lethe.audit.search.AuditCounts;
import io.lethe.audit.search.AuditPage;
import io.lethe.audit.search.AuditQuery;
import io.lethe.audit.search.AuditSearch;
import io.lethe.audit.search.TouchedSubject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link AuditSearch} on the monthly indices, sorted by time then chain position. */
final class ElasticsearchAuditSearch implements AuditSearch {

  private final ElasticsearchClient client;
  private final String pattern;

  ElasticsearchAuditSearch(ElasticsearchClient client, String pattern) {
    this.client = client;
    this.pattern = pattern;
  }

  @Override
  public AuditPage search(AuditQuery query) {
    List<FieldValue> after = query.after() == null ? null : Cursors.decode(query.after());
    SearchResponse<ObjectNode> r = call(() -> client.search(s -> {
      s.index(pattern).allowNoIndices(true).ignoreUnavailable(true).size(query.size())
          .query(Queries.of(query)).trackTotalHits(t -> t.enabled(true))
          .sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Asc)))
          .sort(o -> o.field(f -> f.field("lethe.chain.seq").order(SortOrder.Asc)));
      if (after != null) {
        s.searchAfter(after);
      }
      return s;
    }, ObjectNode.class));
    List<Hit<ObjectNode>> hits = r.hits().hits();
    List<JsonNode> events = new ArrayList<>();
    hits.forEach(h -> events.add(h.source()));
    Optional<String> next = hits.size() < query.size() ? Optional.empty()
        : Optional.of(Cursors.encode(hits.get(hits.size() - 1).sort()));
    long total = r.hits().total() == null ? events.size() : r.hits().total().value();
    return new AuditPage(events, next, total);
  }

  @Override
  public void forEach(AuditQuery query, Consumer<JsonNode> sink) {
    AuditQuery page = query;
    while (true) {
      AuditPage result = search(page);
      result.events().forEach(sink);
      if (result.next().isEmpty()) {
        return;
      }
      page = page.withAfter(result.next().get());
    }
  }

  @Override
  public AuditCounts counts(AuditQuery query) {
    SearchResponse<Void> r = call(() -> client.search(s -> s.index(pattern).allowNoIndices(true)
        .ignoreUnavailable(true).size(0).query(Queries.of(query)).trackTotalHits(t -> t.enabled(true))
        .aggregations("actors", a -> a.terms(t -> t.field("user.name").size(1000)))
        .aggregations("actions", a -> a.terms(t -> t.field("event.action").size(1000)))
        .aggregations("days", a -> a.dateHistogram(d -> d.field("@timestamp")
            .calendarInterval(CalendarInterval.Day).format("yyyy-MM-dd").minDocCount(1))),
        Void.class));
    Map<String, Long> actors = new LinkedHashMap<>();
    r.aggregations().get("actors").sterms().buckets().array()
        .forEach(b -> actors.put(b.key().stringValue(), b.docCount()));
    Map<String, Long> actions = new LinkedHashMap<>();
    r.aggregations().get("actions").sterms().buckets().array()
        .forEach(b -> actions.put(b.key().stringValue(), b.docCount()));
    Map<String, Long> days = new LinkedHashMap<>();
    r.aggregations().get("days").dateHistogram().buckets().array()
        .forEach(b -> days.put(b.keyAsString(), b.docCount()));
    return new AuditCounts(r.hits().total() == null ? 0 : r.hits().total().value(), actors,
        actions, days);
  }

  @Override
  public void touchedSubjects(String actor, String sourceIp, Instant from, Instant to,
      Consumer<TouchedSubject> sink) {
    new TouchedSubjects(client, pattern).stream(actor, sourceIp, from, to, sink);
  }

  interface Call<T> {
    T run() throws IOException;
  }

  /**
   * Runs a read. A 503 is tried again a few times over about two seconds: a monthly index the
   * shipper has just created answers "no shard available" until its primary shard has started,
   * and a search that lands in that moment (the first events of a month) should not fail.
   */
  static <T> T call(Call<T> call) {
    final int attempts = 5;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (IOException | RuntimeException e) {
        if (attempt >= attempts || !ServiceUnavailable.in(e)) {
          throw new AuditException(AuditErrorCode.INDEX_UNAVAILABLE,
              "The audit trail could not be searched in Elasticsearch", e);
        }
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(200L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditException(AuditErrorCode.INDEX_UNAVAILABLE,
          "The audit search was interrupted", e);
    }
  }
}
