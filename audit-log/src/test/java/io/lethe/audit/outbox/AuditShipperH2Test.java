package io.lethe.audit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditException;
import io.lethe.audit.AuditIndex;
import io.lethe.audit.chain.ChainLink;
import io.lethe.audit.chain.ChainVerifier;
import io.lethe.audit.chain.CheckpointSigner;
import io.lethe.audit.chain.TestSigner;
import io.lethe.audit.chain.VerificationResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipper chains at shipping time (ADR 0016): what it sends must verify as one chain with its
 * signed checkpoints, whatever the index confirmed along the way.
 */
class AuditShipperH2Test {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final CheckpointSigner signer = TestSigner.create();
  private JdbcDataSource ds;

  @BeforeEach
  void database() {
    ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    AuditMigrations.migrate(ds);
  }

  @Test
  void drainOverManyBatches_sendsOneIntactChain_signedAtEveryBatch() throws Exception {
    List<String> ids = append(23);
    RecordingIndex index = new RecordingIndex(d -> true);

    assertThat(new AuditShipper(ds, index, 5, signer).drain()).isEqualTo(23);

    assertThat(index.latest().keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(verify(index)).isEqualTo(new VerificationResult.Intact(23, 23, 0));
    assertThat(new CheckpointStore(ds).all()).extracting(c -> c.seq())
        .containsExactly(5L, 10L, 15L, 20L, 23L);
    assertThat(count("SELECT COUNT(*) FROM audit_outbox")).isZero();
    assertThat(count("SELECT COUNT(*) FROM audit_outbox WHERE chain_seq IS NOT NULL")).isZero();
  }

  @Test
  void eventsAfterOneTheIndexRefused_stayWaiting_andTheChainResumesAtIt() throws Exception {
    List<String> ids = append(6);
    Set<String> refused = new HashSet<>(Set.of(ids.get(2)));
    RecordingIndex index = new RecordingIndex(d -> !refused.contains(d.id()));
    AuditShipper shipper = new AuditShipper(ds, index, 10, signer);

    assertThat(shipper.shipBatch()).as("the head stops before the refused event").isEqualTo(2);
    assertThat(shipper.backlog()).isEqualTo(4);
    assertThat(new CheckpointStore(ds).all()).extracting(c -> c.seq()).containsExactly(2L);

    refused.clear();
    assertThat(shipper.drain()).isEqualTo(4);
    assertThat(index.latest()).hasSize(6);
    assertThat(verify(index)).isEqualTo(new VerificationResult.Intact(6, 6, 0));
  }

  @Test
  void indexDown_rollsBackEverything_andTheNextDrainShipsTheSameChain() throws Exception {
    append(4);
    AuditShipper down = new AuditShipper(ds, new AuditIndex() {
      @Override public void prepare() {}
      @Override public Set<String> index(List<Document> docs) {
        throw new AuditException(AuditErrorCode.INDEX_UNAVAILABLE, "down", null);
      }
    }, 3, signer);

    assertThatThrownBy(down::drain).isInstanceOf(AuditException.class)
        .extracting(e -> ((AuditException) e).code()).isEqualTo(AuditErrorCode.INDEX_UNAVAILABLE);
    assertThat(down.backlog()).isEqualTo(4);
    assertThat(count("SELECT seq FROM audit_chain_head")).isZero();
    assertThat(new CheckpointStore(ds).all()).isEmpty();

    RecordingIndex index = new RecordingIndex(d -> true);
    assertThat(new AuditShipper(ds, index, 3, signer).drain()).isEqualTo(4);
    assertThat(verify(index)).isEqualTo(new VerificationResult.Intact(4, 4, 0));
  }

  @Test
  void rowsChainedByAnEarlierRelease_shipWithTheirStoredLinks_beforeNewOnes() throws Exception {
    List<String> old = append(2);
    // What the earlier release left: links on the rows, the head past them, a checkpoint.
    ChainLink first = storeLink(old.get(0), ChainLink.GENESIS, 1);
    ChainLink second = storeLink(old.get(1), first.hash(), 2);
    try (Connection c = ds.getConnection()) {
      new OutboxChainer(signer, java.time.Clock.systemUTC()).moveHead(c, second);
    }
    List<String> fresh = append(3);
    RecordingIndex index = new RecordingIndex(d -> true);

    assertThat(new AuditShipper(ds, index, 10, signer).drain()).isEqualTo(5);

    assertThat(index.sent().get(0).id()).isEqualTo(old.get(0));
    assertThat(chainOf(index.latest().get(old.get(1))).path("hash").asText())
        .isEqualTo(second.hash());
    assertThat(chainOf(index.latest().get(fresh.get(0))).path("seq").asLong()).isEqualTo(3);
    assertThat(verify(index)).isEqualTo(new VerificationResult.Intact(5, 5, 0));
  }

  @Test
  void theIndexedForm_isTheStoredDocumentWithItsLink_andCanonicalisesBackToIt() throws Exception {
    String stored = io.lethe.audit.EcsDocument.toJson(event());
    ChainLink link = ChainLink.next(1, ChainLink.GENESIS, stored);

    JsonNode indexed = JSON.readTree(IndexedForm.of(stored, link));

    assertThat(io.lethe.audit.chain.CanonicalJson.of(indexed)).isEqualTo(stored);
    assertThat(chainOf(indexed).path("hash").asText()).isEqualTo(link.hash());
    assertThat(chainOf(indexed).path("seq").asLong()).isEqualTo(1);
    assertThat(link.matches(io.lethe.audit.chain.CanonicalJson.of(indexed))).isTrue();
    String bare = stored.replaceFirst("\"lethe\":\\{[^}]*}", "\"lethe\":{}");
    assertThat(io.lethe.audit.chain.CanonicalJson.of(JSON.readTree(IndexedForm.of(bare, link))))
        .isEqualTo(bare);
  }

  private VerificationResult verify(RecordingIndex index) {
    List<JsonNode> docs = new ArrayList<>(index.latest().values());
    docs.sort(Comparator.comparingLong(d -> chainOf(d).path("seq").asLong()));
    return new ChainVerifier(signer).verify(docs.iterator(), new CheckpointStore(ds).all());
  }

  private static JsonNode chainOf(JsonNode doc) {
    return doc.path("lethe").path("chain");
  }

  private static AuditEvent event() {
    return AuditEvent.builder("record.read", AuditEvent.Outcome.SUCCESS)
        .actor("svc-h2", List.of("service")).purpose("account-management")
        .subject(UUID.randomUUID()).record(UUID.randomUUID(), "identity")
        .fields(List.of("name", "phone")).build();
  }

  private List<String> append(int n) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      for (int i = 0; i < n; i++) {
        AuditEvent e = event();
        new AuditOutbox().append(c, e);
        ids.add(e.id().toString());
      }
      c.commit();
    }
    return ids;
  }

  private ChainLink storeLink(String eventId, String prev, long seq) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement read = c.prepareStatement(
            "SELECT document FROM audit_outbox WHERE event_id = ?");
        PreparedStatement write = c.prepareStatement("UPDATE audit_outbox SET chain_seq = ?, "
            + "chain_prev = ?, chain_hash = ? WHERE event_id = ?")) {
      read.setString(1, eventId);
      ChainLink link;
      try (ResultSet rs = read.executeQuery()) {
        rs.next();
        link = ChainLink.next(seq, prev, rs.getString(1));
      }
      write.setLong(1, seq);
      write.setString(2, prev);
      write.setString(3, link.hash());
      write.setString(4, eventId);
      write.executeUpdate();
      return link;
    }
  }

  private long count(String sql) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** An index in memory that keeps every request and the last version of each document. */
  private static final class RecordingIndex implements AuditIndex {
    private final Predicate<Document> accepts;
    private final List<Document> sent = new ArrayList<>();
    private final Map<String, JsonNode> latest = new LinkedHashMap<>();

    RecordingIndex(Predicate<Document> accepts) {
      this.accepts = accepts;
    }

    @Override public void prepare() {}

    @Override public synchronized Set<String> index(List<Document> docs) {
      Set<String> ok = new HashSet<>();
      for (Document d : docs) {
        sent.add(d);
        if (accepts.test(d)) {
          try {
            latest.put(d.id(), JSON.readTree(d.json()));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          ok.add(d.id());
        }
      }
      return ok;
    }

    synchronized List<Document> sent() {
      return List.copyOf(sent);
    }

    synchronized Map<String, JsonNode> latest() {
      return Map.copyOf(latest);
    }
  }
}
