package io.lethe.audit.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.chain.TestSigner;
import io.lethe.audit.elasticsearch.ElasticsearchAuditIndex;
import io.lethe.audit.outbox.AuditMigrations;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.audit.outbox.AuditShipper;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.postgres.PostgresExtension;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Search, counts and the incident report on a real Elasticsearch node. */
class AuditSearchIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();

  static final Instant T0 = Instant.parse("2026-10-30T08:00:00Z");
  static final UUID ALICE_SUBJECT = UUID.randomUUID();
  static final List<UUID> LEAKED_KEY_SUBJECTS = List.of(UUID.randomUUID(), UUID.randomUUID(),
      UUID.randomUUID());
  static ElasticsearchAuditIndex index;
  static AuditSearch search;

  @BeforeAll
  static void trail() throws Exception {
    AuditMigrations.migrate(pg.dataSource());
    index = ElasticsearchAuditIndex.connect(es.url(), "search-it");
    index.prepare();
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(event("svc-traffic", "record.read", ALICE_SUBJECT, T0.plusSeconds(60L * i)));
    }
    // A leaked key of svc-batch read three subjects, one of them twice, across a month boundary.
    events.add(event("svc-batch", "record.read", LEAKED_KEY_SUBJECTS.get(0), Instant.parse("2026-10-31T23:00:00Z")));
    events.add(event("svc-batch", "record.read", LEAKED_KEY_SUBJECTS.get(1), Instant.parse("2026-11-01T01:00:00Z")));
    events.add(event("svc-batch", "record.read-plain", LEAKED_KEY_SUBJECTS.get(2), Instant.parse("2026-11-01T02:00:00Z")));
    events.add(event("svc-batch", "record.read", LEAKED_KEY_SUBJECTS.get(0), Instant.parse("2026-11-02T03:00:00Z")));
    try (Connection c = pg.dataSource().getConnection()) {
      c.setAutoCommit(false);
      AuditOutbox outbox = new AuditOutbox();
      events.forEach(e -> outbox.append(c, e));
      c.commit();
    }
    new AuditShipper(pg.dataSource(), index, 100, TestSigner.create()).drain();
    index.refresh();
    search = index.search();
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void bySubject_returnsItsEventsInTimeOrder_pagedWithCursors() {
    AuditQuery query = new AuditQuery(ALICE_SUBJECT.toString(), null, null, null, null, null,
        null, null, null, null, null, 2, null);
    List<String> times = new ArrayList<>();
    AuditPage page = search.search(query);
    assertThat(page.total()).isEqualTo(5);
    int pages = 1;
    page.events().forEach(e -> times.add(e.path("@timestamp").asText()));
    while (page.next().isPresent()) {
      page = search.search(query.withAfter(page.next().get()));
      page.events().forEach(e -> times.add(e.path("@timestamp").asText()));
      pages++;
    }
    assertThat(times).hasSize(5).isSorted();
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void actorAndTimeRange_filterAcrossMonthlyIndices() {
    AuditQuery query = new AuditQuery(null, "svc-batch", "record.read", null, null, null, null,
        null, null, Instant.parse("2026-10-31T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"),
        100, null);
    assertThat(search.search(query).events()).extracting(e -> e.path("lethe").path("subject_id").asText())
        .containsExactly(LEAKED_KEY_SUBJECTS.get(0).toString(), LEAKED_KEY_SUBJECTS.get(1).toString());
  }

  @Test
  void counts_byActorActionAndDay() {
    AuditCounts counts = search.counts(AuditQuery.all(1));
    assertThat(counts.total()).isEqualTo(9);
    assertThat(counts.byActor()).containsEntry("svc-traffic", 5L).containsEntry("svc-batch", 4L);
    assertThat(counts.byAction()).containsEntry("record.read", 8L).containsEntry("record.read-plain", 1L);
    assertThat(counts.byDay()).containsEntry("2026-10-30", 5L).containsEntry("2026-11-01", 2L);
  }

  @Test
  void touchedSubjects_listsEachSubjectOnceWithCountsAndFirstAndLastAccess() {
    List<TouchedSubject> touched = new ArrayList<>();
    search.touchedSubjects("svc-batch", null, Instant.parse("2026-10-01T00:00:00Z"),
        Instant.parse("2026-12-01T00:00:00Z"), touched::add);
    assertThat(touched).hasSize(3);
    TouchedSubject twice = touched.stream()
        .filter(t -> t.subjectId().equals(LEAKED_KEY_SUBJECTS.get(0).toString())).findFirst().orElseThrow();
    assertThat(twice.accesses()).isEqualTo(2);
    assertThat(twice.firstAccess()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
    assertThat(twice.lastAccess()).isEqualTo(Instant.parse("2026-11-02T03:00:00Z"));
  }

  @Test
  void forEach_streamsEveryMatchAcrossPages() {
    List<JsonNode> all = new ArrayList<>();
    search.forEach(AuditQuery.all(4), all::add);
    assertThat(all).hasSize(9);
  }

  @Test
  void aForgedCursor_isRefusedClearly() {
    assertThatThrownBy(() -> search.search(AuditQuery.all(2).withAfter("not-a-cursor!")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
  }

  private static AuditEvent event(String actor, String action, UUID subject, Instant at) {
    return AuditEvent.builder(action, AuditEvent.Outcome.SUCCESS).timestamp(at)
        .actor(actor, List.of("service")).subject(subject).purpose("account-management")
        .request("10.0.0.7", UUID.randomUUID().toString(), "/v1/records").build();
  }
}
