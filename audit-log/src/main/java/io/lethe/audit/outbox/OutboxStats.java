package io.lethe.audit.outbox;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** How far shipping is behind: events waiting, and when the oldest of them happened. */
public final class OutboxStats {

  private final DataSource dataSource;

  public OutboxStats(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Events waiting in the outbox. */
  public long backlog() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM audit_outbox");
        ResultSet rs = count.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw unreadable(e);
    }
  }

  /** When the oldest waiting event happened; its age is the shipping lag. Empty when none wait. */
  public Optional<Instant> oldestWaiting() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT MIN(occurred_at) FROM audit_outbox");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant);
    } catch (SQLException e) {
      throw unreadable(e);
    }
  }

  private static AuditException unreadable(SQLException e) {
    return new AuditException(AuditErrorCode.OUTBOX_UNAVAILABLE, "The outbox could not be read", e);
  }
}
