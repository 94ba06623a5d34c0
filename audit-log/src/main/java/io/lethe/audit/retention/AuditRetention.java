package io.lethe.audit.retention;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditException;
import io.lethe.audit.chain.ChainFloor;
import io.lethe.audit.chain.ChainLink;
import io.lethe.audit.elasticsearch.ElasticsearchAuditIndex;
import io.lethe.audit.outbox.AuditOutbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Drops whole monthly audit indices once every event in them is older than the retention
 * (default 180 days, the minimum log retention of China's Cybersecurity Law). Before dropping,
 * it records where the retained chain now starts, so {@code verify} still proves the rest; the
 * drop itself becomes an audit event.
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
  private final ChainFloorStore floors;

  public AuditRetention(DataSource dataSource, ElasticsearchAuditIndex index, Duration retention,
      Clock clock) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("the audit retention must be positive");
    }
    this.dataSource = dataSource;
    this.index = index;
    this.retention = retention;
    this.clock = clock;
    this.floors = new ChainFloorStore(dataSource);
  }

  /** The indices whose whole month ended before now minus the retention: what would go. */
  public List<String> expired() {
    YearMonth firstKept = YearMonth.from(clock.instant().minus(retention).atZone(ZoneOffset.UTC));
    return index.monthlyIndices().entrySet().stream()
        .filter(e -> e.getValue().isBefore(firstKept)).map(java.util.Map.Entry::getKey).toList();
  }

  /** Drops the indices whose whole month ended before now minus the retention. */
  public Report dropExpired() {
    List<String> expired = expired();
    if (expired.isEmpty()) {
      return new Report(List.of(), floors.current());
    }
    index.refresh();
    Optional<ChainLink> last = index.lastLinkIn(expired);
    ChainFloor floor = last.map(l -> new ChainFloor(l.seq() + 1, l.hash()))
        .filter(f -> f.seq() > floors.current().seq()).orElse(floors.current());
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
}
