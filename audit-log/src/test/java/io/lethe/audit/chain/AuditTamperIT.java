package io.lethe.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.elasticsearch.ElasticsearchAuditIndex;
import io.lethe.audit.outbox.AuditMigrations;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.audit.outbox.AuditShipper;
import io.lethe.audit.outbox.CheckpointStore;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.postgres.PostgresExtension;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tampering with the trail in a real Elasticsearch node: verify names the first changed,
 * removed or inserted event. Each test restores what it touched.
 */
class AuditTamperIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();

  private static final String PREFIX = "tamper-it";
  private static final CheckpointSigner signer = TestSigner.create();
  private static ElasticsearchAuditIndex index;
  private final IndexedTrailEditor trail = new IndexedTrailEditor(es.url(), PREFIX);

  @BeforeAll
  static void shipTenEvents() {
    AuditMigrations.migrate(pg.dataSource());
    index = ElasticsearchAuditIndex.connect(es.url(), PREFIX);
    index.prepare();
    AuditShipper shipper = new AuditShipper(pg.dataSource(), index, 4, signer);
    AuditOutbox outbox = new AuditOutbox();
    try (Connection c = pg.dataSource().getConnection()) {
      c.setAutoCommit(false);
      for (int i = 0; i < 10; i++) {
        outbox.append(c, AuditEvent.builder("record.read", AuditEvent.Outcome.SUCCESS)
            .actor("svc-a", List.of("service")).subject(UUID.randomUUID())
            .purpose("account-management").build());
      }
      c.commit();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    assertThat(shipper.drain()).isEqualTo(10);
    index.refresh();
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void anUntouchedTrail_isIntactAndFullySigned() {
    assertThat(verify()).isEqualTo(new VerificationResult.Intact(10, 10, 0));
  }

  @Test
  void changingOneFieldOfOneIndexedEvent_isCaughtAtThatEvent() throws Exception {
    JsonNode original = docAt(4);
    try {
      send("POST", "/_update/" + id(original) + "?refresh=true",
          "{\"doc\":{\"event\":{\"outcome\":\"failure\"}}}");
      assertThat(verify()).isEqualTo(new VerificationResult.Broken(4,
          "the event was changed after it was chained"));
    } finally {
      restore(original);
    }
    assertThat(verify()).isInstanceOf(VerificationResult.Intact.class);
  }

  @Test
  void deletingOneEvent_isCaughtAsAGap() throws Exception {
    JsonNode original = docAt(7);
    try {
      send("DELETE", "/_doc/" + id(original) + "?refresh=true", null);
      assertThat(verify()).isEqualTo(new VerificationResult.Gap(7, 7));
    } finally {
      restore(original);
    }
    assertThat(verify()).isInstanceOf(VerificationResult.Intact.class);
  }

  @Test
  void insertingAnEvent_isCaught() throws Exception {
    JsonNode copy = docAt(5).path("_source");
    String forgedId = UUID.randomUUID().toString();
    try {
      send("PUT", "/_doc/" + forgedId + "?refresh=true", copy.toString());
      assertThat(verify()).isEqualTo(new VerificationResult.Broken(5,
          "a second event claims this sequence number"));
    } finally {
      send("DELETE", "/_doc/" + forgedId + "?refresh=true", null);
    }
    assertThat(verify()).isInstanceOf(VerificationResult.Intact.class);
  }

  private VerificationResult verify() {
    return new ChainVerifier(signer).verify(index.inChainOrder(),
        new CheckpointStore(pg.dataSource()).all());
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
    trail.send(PREFIX + "-" + io.lethe.audit.EcsDocument.monthOf(java.time.Instant.now()), method, path, body);
  }
}
