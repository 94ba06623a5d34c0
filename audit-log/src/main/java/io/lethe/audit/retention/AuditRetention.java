package io.lethe.audit.retention;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditException;
import io.lethe.audit.chain.ChainFloor;
import io.lethe.audit.chain.ChainLink;
import io.lethe.audit.chain.ChainVerifier;
import io.lethe.audit.chain.Checkpoint;
import io.lethe.audit.chain.CheckpointSigner;
import io.lethe.audit.chain.VerificationResult;
import io.lethe.audit.elasticsearch.ElasticsearchAuditIndex;
import io.lethe.audit.elasticsearch.IndexedEvent;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.audit.outbox.CheckpointStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Drops whole monthly audit indices once every event in them is older than the retention
 * (default 180 days, the minimum log retention of China's Cybersecurity Law). Before dropping,
 * it verifies the part of the chain that goes below the new floor and records the floor with
 * the links of the retained events below it, so {@code verify} still proves the rest; the drop
 * itself becomes an audit event.
 */
public final class AuditRetention {

  /** What a run dropped and where the retained chain starts now. */
  public record Report(List<String> dropped, ChainFloor floor) {
    public Report {
      dropped = List.copyOf(dropped);
    }
  }

  private final DataSource dataSource;
  private final ElasticsearchAuditIndex index;
  private final Duration retention;
  private final Clock clock;
  private final CheckpointSigner signer;
  private final ChainFloorStore floors;

  public AuditRetention(DataSource dataSource, ElasticsearchAuditIndex index, Duration retention,
      Clock clock, CheckpointSigner signer) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("the audit retention must be positive");
    }
    this.dataSource = dataSource;
    this.index = index;
    this.retention = retention;
    this.clock = clock;
    this.signer = signer;
    this.floors = new ChainFloorStore(dataSource);
  }

  /** The indices whose whole month ended before now minus the retention: what would go. */
  public List<String> expired() {
    YearMonth firstKept = YearMonth.from(clock.instant().minus(retention).atZone(ZoneOffset.UTC));
    return index.monthlyIndices().entrySet().stream()
        .filter(e -> e.getValue().isBefore(firstKept)).map(java.util.Map.Entry::getKey).toList();
  }

  /**
   * Drops the indices whose whole month ended before now minus the retention.
   *
   * @throws AuditException {@link AuditErrorCode#CHAIN_BROKEN} if the chain below the new floor
   *     does not verify: nothing is dropped
   */
  public Report dropExpired() {
    List<String> expired = expired();
    if (expired.isEmpty()) {
      return new Report(List.of(), floors.current());
    }
    index.refresh();
    ChainFloor current = floors.current();
    Optional<ChainLink> last = index.lastLinkIn(expired);
    ChainFloor above = last.map(l -> new ChainFloor(l.seq() + 1, l.hash()))
        .filter(f -> f.seq() > current.seq()).orElse(current);
    ChainFloor floor = new ChainFloor(above.seq(), above.prev(),
        keptBelow(above.seq(), Set.copyOf(expired), current));
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      floors.save(c, floor, clock.instant());
      new AuditOutbox().append(c, AuditEvent.builder("audit.retention.drop",
          AuditEvent.Outcome.SUCCESS).category("configuration").actor("lethe", List.of("system"))
          .build());
      c.commit();
    } catch (SQLException e) {
      throw new AuditException(AuditErrorCode.OUTBOX_UNAVAILABLE,
          "The retention floor could not be recorded; nothing was dropped", e);
    }
    // Dropped only after the floor is stored: a crash in between leaves extra, still-valid data.
    index.drop(expired);
    return new Report(expired, floor);
  }

  /**
   * Verifies every event below {@code floorSeq} from the current floor, and returns the links of
   * those outside the indices to drop. Months interleave in chain order at a boundary, so such
   * events exist; once their neighbours are dropped only the recorded hash vouches for them,
   * which must therefore come from a chain that verified against the signed checkpoints.
   */
  private SortedMap<Long, String> keptBelow(long floorSeq, Set<String> dropping,
      ChainFloor current) {
    List<Checkpoint> signed = new CheckpointStore(dataSource).all().stream()
        .filter(cp -> cp.seq() < floorSeq).toList();
    SortedMap<Long, String> kept = new TreeMap<>();
    Iterator<IndexedEvent> events = index.inChainOrderBelow(floorSeq);
    Iterator<JsonNode> documents = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return events.hasNext();
      }

      @Override
      public JsonNode next() {
        IndexedEvent event = events.next();
        if (!dropping.contains(event.index())) {
          JsonNode chain = event.document().path("lethe").path("chain");
          kept.put(chain.path("seq").asLong(), chain.path("hash").asText());
        }
        return event.document();
      }
    };
    ChainFloor from = floors.recordsKeptLinks() ? current : foundBelow(current);
    VerificationResult result = new ChainVerifier(signer).verify(documents, signed, from);
    if (!(result instanceof VerificationResult.Intact)) {
      throw new AuditException(AuditErrorCode.CHAIN_BROKEN, "The audit chain below the new "
          + "floor does not verify (" + result + "); nothing was dropped", null);
    }
    return kept;
  }

  /**
   * A floor recorded before kept links were, with the links below it taken as the index holds
   * them: their neighbours are gone, so nothing better exists. Each must still match its own
   * hash in the walk; from this drop on they are recorded and checked against the record.
   */
  private ChainFloor foundBelow(ChainFloor legacy) {
    SortedMap<Long, String> found = new TreeMap<>();
    Iterator<IndexedEvent> below = index.inChainOrderBelow(legacy.seq());
    while (below.hasNext()) {
      JsonNode chain = below.next().document().path("lethe").path("chain");
      long seq = chain.path("seq").asLong(0);
      String hash = chain.path("hash").asText();
      // Anything malformed stays out, so the walk reports it.
      if (seq >= 1 && hash.matches("[0-9a-f]{64}")) {
        found.putIfAbsent(seq, hash);
      }
    }
    return new ChainFloor(legacy.seq(), legacy.prev(), found);
  }
}
