package io.lethe.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditException;
import io.lethe.audit.chain.CanonicalJson;
import io.lethe.audit.chain.ChainFloor;
import io.lethe.audit.chain.ChainLink;
import io.lethe.audit.chain.ChainVerifier;
import io.lethe.audit.chain.IndexedTrailEditor;
import io.lethe.audit.chain.CheckpointSigner;
import io.lethe.audit.chain.TestSigner;
import io.lethe.audit.chain.VerificationResult;
import io.lethe.audit.elasticsearch.ElasticsearchAuditIndex;
import io.lethe.audit.outbox.AuditMigrations;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.audit.outbox.AuditShipper;
import io.lethe.audit.outbox.CheckpointStore;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.postgres.PostgresExtension;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Months interleave in chain order at a boundary: an access of 1 June can be chained before one
 * of 31 May. Dropping May keeps the June event below the new floor; verify still proves it, and
 * still catches it changed, removed, or joined by a forged event below the floor. Each test
 * restores what it touched.
 */
class AuditRetentionBoundaryIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();

  private static final String PREFIX = "retention-boundary-it";
  private static final String JUNE = PREFIX + "-2026.06";
  private static final CheckpointSigner signer = TestSigner.create();
  private static final Clock DECEMBER = Clock.fixed(Instant.parse("2026-12-15T00:00:00Z"),
      ZoneOffset.UTC);
  private static ElasticsearchAuditIndex index;
  private static AuditShipper shipper;
  private final IndexedTrailEditor trail = new IndexedTrailEditor(es.url(), PREFIX);

  /**
   * Chain order: 1, 2 in May; 3 in June (00:00:00.050); 4 in May (23:59:59.900, its transaction
   * committed later); 5, 6 in June. Shipped two per batch, so checkpoints sign 2, 4 and 6.
   */
  @BeforeAll
  static void shipAcrossTheMonthBoundary_andDropMay() throws Exception {
    AuditMigrations.migrate(pg.dataSource());
    index = ElasticsearchAuditIndex.connect(es.url(), PREFIX);
    index.prepare();
    shipper = new AuditShipper(pg.dataSource(), index, 2, signer);
    try (Connection c = pg.dataSource().getConnection()) {
      c.setAutoCommit(false);
      for (String at : List.of("2026-05-10T00:00:00Z", "2026-05-20T00:00:00Z",
          "2026-06-01T00:00:00.050Z", "2026-05-31T23:59:59.900Z", "2026-06-10T00:00:00Z",
          "2026-06-20T00:00:00Z")) {
        new AuditOutbox().append(c, AuditEvent.builder("record.read", AuditEvent.Outcome.SUCCESS)
            .actor("svc-a", List.of("service")).timestamp(Instant.parse(at)).build());
      }
      c.commit();
    }
    assertThat(shipper.drain()).isEqualTo(6);

    AuditRetention.Report report = new AuditRetention(pg.dataSource(), index,
        Duration.ofDays(180), DECEMBER, signer).dropExpired();

    assertThat(report.dropped()).containsExactly(PREFIX + "-2026.05");
    assertThat(report.floor().seq()).isEqualTo(5);
    assertThat(report.floor().keptBelow()).containsOnlyKeys(3L);
    shipper.drain();
    index.refresh();
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void anEventOfTheNextMonthChainedBeforeTheDroppedMonthsLast_stillVerifiesIntact() {
    assertThat(verify()).isEqualTo(new VerificationResult.Intact(4, 7, 0));
  }

  @Test
  void changingTheEventKeptBelowTheFloor_isCaughtAtThatEvent() throws Exception {
    JsonNode original = docAt(3);
    try {
      send("POST", "/_update/" + id(original) + "?refresh=true",
          "{\"doc\":{\"event\":{\"outcome\":\"failure\"}}}");
      assertThat(verify()).isEqualTo(new VerificationResult.Broken(3,
          "the event was changed after it was chained"));
    } finally {
      restore(original);
    }
    assertThat(verify()).isInstanceOf(VerificationResult.Intact.class);
  }

  @Test
  void rehashingTheChangedEventKeptBelowTheFloor_isCaughtAtThatEvent() throws Exception {
    JsonNode original = docAt(3);
    ObjectNode forged = (ObjectNode) original.path("_source").deepCopy();
    ((ObjectNode) forged.path("event")).put("outcome", "failure");
    ObjectNode chain = (ObjectNode) forged.path("lethe").path("chain");
    chain.put("hash", ChainLink.next(3, chain.path("prev").asText(),
        CanonicalJson.of(forged)).hash());
    try {
      send("PUT", "/_doc/" + id(original) + "?refresh=true", forged.toString());
      assertThat(verify()).isEqualTo(new VerificationResult.Broken(3,
          "the event was changed after it was chained"));
    } finally {
      restore(original);
    }
    assertThat(verify()).isInstanceOf(VerificationResult.Intact.class);
  }

  @Test
  void deletingTheEventKeptBelowTheFloor_isCaughtAsAGap() throws Exception {
    JsonNode original = docAt(3);
    try {
      send("DELETE", "/_doc/" + id(original) + "?refresh=true", null);
      assertThat(verify()).isEqualTo(new VerificationResult.Gap(3, 3));
    } finally {
      restore(original);
    }
    assertThat(verify()).isInstanceOf(VerificationResult.Intact.class);
  }

  @Test
  void aForgedEventBelowTheFloor_isCaught() throws Exception {
    ObjectNode forged = (ObjectNode) docAt(5).path("_source").deepCopy();
    ((ObjectNode) forged.path("lethe").path("chain")).put("seq", 2);
    String forgedId = UUID.randomUUID().toString();
    try {
      send("PUT", "/_doc/" + forgedId + "?refresh=true", forged.toString());
      assertThat(verify()).isEqualTo(new VerificationResult.Broken(2,
          "an event below the retained chain's floor that retention did not keep"));
    } finally {
      send("DELETE", "/_doc/" + forgedId + "?refresh=true", null);
    }
    assertThat(verify()).isInstanceOf(VerificationResult.Intact.class);
  }

  @Test
  void aSecondEventClaimingTheKeptSequenceNumber_isCaught() throws Exception {
    JsonNode copy = docAt(3).path("_source");
    String forgedId = UUID.randomUUID().toString();
    try {
      send("PUT", "/_doc/" + forgedId + "?refresh=true", copy.toString());
      assertThat(verify()).isEqualTo(new VerificationResult.Broken(3,
          "a second event claims this sequence number"));
    } finally {
      send("DELETE", "/_doc/" + forgedId + "?refresh=true", null);
    }
    assertThat(verify()).isInstanceOf(VerificationResult.Intact.class);
  }

  @Test
  void aLaterDropOverAChangedEvent_isRefused_andDropsNothing() throws Exception {
    JsonNode original = docAt(3);
    Clock january = Clock.fixed(Instant.parse("2027-01-20T00:00:00Z"), ZoneOffset.UTC);
    AuditRetention retention = new AuditRetention(pg.dataSource(), index, Duration.ofDays(180),
        january, signer);
    ChainFloor before = new ChainFloorStore(pg.dataSource()).current();
    try {
      send("POST", "/_update/" + id(original) + "?refresh=true",
          "{\"doc\":{\"event\":{\"outcome\":\"failure\"}}}");
      assertThat(retention.expired()).containsExactly(JUNE);
      assertThatThrownBy(retention::dropExpired).isInstanceOf(AuditException.class)
          .extracting(e -> ((AuditException) e).code()).isEqualTo(AuditErrorCode.CHAIN_BROKEN);
      assertThat(index.monthlyIndices()).containsKey(JUNE);
      assertThat(new ChainFloorStore(pg.dataSource()).current()).isEqualTo(before);
    } finally {
      restore(original);
    }
    assertThat(verify()).isInstanceOf(VerificationResult.Intact.class);
  }

  private VerificationResult verify() {
    return new ChainVerifier(signer).verify(index.inChainOrder(),
        new CheckpointStore(pg.dataSource()).all(), new ChainFloorStore(pg.dataSource()).current());
  }

  private JsonNode docAt(long seq) throws Exception {
    return trail.docAt(seq);
  }

  private static String id(JsonNode hit) {
    return IndexedTrailEditor.id(hit);
  }

  private void restore(JsonNode hit) throws Exception {
    trail.restore(hit);
  }

  private void send(String method, String path, String body) throws Exception {
    trail.send(JUNE, method, path, body);
  }
}
