package io.lethe.audit.elasticsearch;

import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import io.lethe.audit.search.AuditQuery;
import java.time.Instant;

/** The filter of an {@link AuditQuery}: exact terms on keyword fields and a time range. */
final class Queries {

  private Queries() {}

  static Query of(AuditQuery q) {
    BoolQuery.Builder bool = new BoolQuery.Builder();
    term(bool, "lethe.subject_id", q.subjectId());
    term(bool, "user.name", q.actor());
    term(bool, "event.action", q.action());
    term(bool, "event.outcome", q.outcome());
    term(bool, "lethe.purpose", q.purpose());
    term(bool, "lethe.record_type", q.recordType());
    term(bool, "lethe.object_id", q.objectId());
    term(bool, "http.request.id", q.requestId());
    term(bool, "source.ip", q.sourceIp());
    range(bool, q.from(), q.to());
    return bool.build()._toQuery();
  }

  static void term(BoolQuery.Builder bool, String field, String value) {
    if (value != null) {
      bool.filter(f -> f.term(t -> t.field(field).value(value)));
    }
  }

  static void range(BoolQuery.Builder bool, Instant from, Instant to) {
    if (from == null && to == null) {
      return;
    }
    bool.filter(f -> f.range(r -> r.untyped(u -> {
      u.field("@timestamp");
      if (from != null) {
        u.gte(JsonData.of(from.toString()));
      }
      if (to != null) {
        u.lt(JsonData.of(to.toString()));
      }
      return u;
    })));
  }
}
