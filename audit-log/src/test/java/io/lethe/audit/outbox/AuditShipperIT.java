package io.lethe.audit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditException;
import io.lethe.audit.chain.TestSigner;
import io.lethe.audit.elasticsearch.ElasticsearchAuditIndex;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.postgres.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Outbox on real PostgreSQL, shipped to a real Elasticsearch node. */
class AuditShipperIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();

  private static final String PREFIX = "shipper-it";
  private static ElasticsearchAuditIndex index;
  private static AuditShipper shipper;
  private final AuditOutbox outbox = new AuditOutbox();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void setUp() {
    AuditMigrations.migrate(pg.dataSource());
    index = ElasticsearchAuditIndex.connect(es.url(), PREFIX);
    index.prepare();
    shipper = new AuditShipper(pg.dataSource(), index, 100, TestSigner.create());
  }

  @AfterAll
  static void tearDown() {
    index.close();
  }

  @Test
  void eventsCommittedWithTheirAccess_areShippedOnceEach_andLeaveTheOutbox() throws Exception {
    UUID subject = UUID.randomUUID();
    List<AuditEvent> events = List.of(event("subject.create", subject), event("record.create", subject),
        event("record.read", subject));
    try (Connection c = pg.dataSource().getConnection()) {
      c.setAutoCommit(false);
      events.forEach(e -> outbox.append(c, e));
      c.commit();
    }

    assertThat(shipper.drain()).isEqualTo(3);
    assertThat(shipper.backlog()).isZero();
    assertThat(countInIndex(subject)).isEqualTo(3);
    JsonNode doc = get(events.get(2));
    assertThat(doc.path("_source").path("event").path("action").asText()).isEqualTo("record.read");
  }

  @Test
  void eventOfARolledBackAccess_isNeverShipped() throws Exception {
    UUID subject = UUID.randomUUID();
    try (Connection c = pg.dataSource().getConnection()) {
      c.setAutoCommit(false);
      outbox.append(c, event("record.create", subject));
      c.rollback();
    }

    shipper.drain();
    assertThat(countInIndex(subject)).isZero();
  }

  @Test
  void appendOnABrokenConnection_failsWithTheOutboxCode_soTheAccessIsRefused() throws Exception {
    Connection closed = pg.dataSource().getConnection();
    closed.close();

    assertThatThrownBy(() -> outbox.append(closed, event("record.read", UUID.randomUUID())))
        .isInstanceOf(AuditException.class)
        .extracting(e -> ((AuditException) e).code())
        .isEqualTo(AuditErrorCode.OUTBOX_UNAVAILABLE);
  }

  @Test
  void whileElasticsearchIsDown_eventsWaitInTheOutbox_andDrainExactlyOnceAfter() throws Exception {
    UUID subject = UUID.randomUUID();
    es.stopNode();
    try {
      try (Connection c = pg.dataSource().getConnection()) {
        c.setAutoCommit(false);
        for (int i = 0; i < 5; i++) {
          outbox.append(c, event("record.read", subject));
        }
        c.commit();
      }
      assertThatThrownBy(shipper::shipBatch).isInstanceOf(AuditException.class)
          .extracting(e -> ((AuditException) e).code())
          .isEqualTo(AuditErrorCode.INDEX_UNAVAILABLE);
      assertThat(shipper.backlog()).isEqualTo(5);
    } finally {
      es.startNode();
    }

    assertThat(shipper.drain()).isEqualTo(5);
    assertThat(shipper.backlog()).isZero();
    assertThat(countInIndex(subject)).isEqualTo(5);
  }

  private static AuditEvent event(String action, UUID subject) {
    return AuditEvent.builder(action, AuditEvent.Outcome.SUCCESS)
        .actor("svc-test", List.of("service")).subject(subject).build();
  }

  private long countInIndex(UUID subject) throws Exception {
    http.send(HttpRequest.newBuilder(URI.create(es.url() + "/" + PREFIX + "-*/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(es.url()
            + "/" + PREFIX + "-*/_count?q=lethe.subject_id:" + subject)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body()).path("count").asLong();
  }

  private JsonNode get(AuditEvent e) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(es.url() + "/"
        + PREFIX + "-" + io.lethe.audit.EcsDocument.monthOf(e.timestamp()) + "/_doc/" + e.id())).build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body());
  }
}
