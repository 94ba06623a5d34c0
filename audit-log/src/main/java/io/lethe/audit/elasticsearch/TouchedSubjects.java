package io.lethe.audit.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.lethe.audit.search.TouchedSubject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The incident report: distinct subjects an actor (or source address) touched in a window, via a
 * composite aggregation paged with its after key, so the list has no size limit.
 */
final class TouchedSubjects {

  private static final int PAGE = 1000;
  private final ElasticsearchClient client;
  private final String pattern;

  TouchedSubjects(ElasticsearchClient client, String pattern) {
    this.client = client;
    this.pattern = pattern;
  }

  void stream(String actor, String sourceIp, Instant from, Instant to,
      Consumer<TouchedSubject> sink) {
    if ((actor == null) == (sourceIp == null)) {
      throw new IllegalArgumentException("name exactly one of an actor or a source address");
    }
    BoolQuery.Builder bool = new BoolQuery.Builder();
    Queries.term(bool, actor != null ? "user.name" : "source.ip", actor != null ? actor : sourceIp);
    Queries.range(bool, from, to);
    bool.filter(f -> f.exists(e -> e.field("lethe.subject_id")));
    var query = bool.build()._toQuery();
    Map<String, FieldValue> after = null;
    while (true) {
      Map<String, FieldValue> afterKey = after;
      SearchResponse<Void> r = ElasticsearchAuditSearch.call(() -> client.search(s -> s
          .index(pattern).allowNoIndices(true).ignoreUnavailable(true).size(0).query(query)
          .aggregations("subjects", a -> a.composite(c -> {
            c.size(PAGE).sources(List.of(Map.of("subject", CompositeAggregationSource.of(
                src -> src.terms(t -> t.field("lethe.subject_id"))))));
            if (afterKey != null) {
              c.after(afterKey);
            }
            return c;
          }).aggregations("first", m -> m.min(x -> x.field("@timestamp")))
            .aggregations("last", m -> m.max(x -> x.field("@timestamp")))), Void.class));
      CompositeAggregate subjects = r.aggregations().get("subjects").composite();
      List<CompositeBucket> buckets = subjects.buckets().array();
      for (CompositeBucket b : buckets) {
        sink.accept(new TouchedSubject(b.key().get("subject").stringValue(), b.docCount(),
            Instant.ofEpochMilli((long) b.aggregations().get("first").min().value()),
            Instant.ofEpochMilli((long) b.aggregations().get("last").max().value())));
      }
      if (buckets.size() < PAGE || subjects.afterKey() == null || subjects.afterKey().isEmpty()) {
        return;
      }
      after = subjects.afterKey();
    }
  }
}
