package io.lethe.audit.outbox;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditException;
import io.lethe.audit.EcsDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * Writes events durably in the caller's transaction. If {@link #append} or {@link #appendAll}
 * throws, the caller must roll back and refuse the access: Lethe does not serve data it cannot
 * account for.
 *
 * <p>Thread safety: stateless; safe for concurrent use with distinct connections.
 */
public final class AuditOutbox {

  private static final String INSERT = "INSERT INTO audit_outbox "
      + "(event_id, occurred_at, event_month, document) VALUES (?, ?, ?, ?)";

  /** Appends the event within the transaction of {@code connection}; commit is the caller's. */
  public void append(Connection connection, AuditEvent event) {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      bind(insert, event);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /**
   * Appends the events in list order with one batched insert, within the transaction of
   * {@code connection}: for a job that acts on many records at once. Durability and failure are
   * those of {@link #append}, for the whole list (on a failure some rows may be written, which
   * the caller's rollback removes). They are chained when shipped, in the order of their outbox
   * rows, which is the list's order, as if appended one by one.
   */
  public void appendAll(Connection connection, List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (AuditEvent event : events) {
        bind(insert, event);
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private static void bind(PreparedStatement insert, AuditEvent event) throws SQLException {
    insert.setString(1, event.id().toString());
    insert.setTimestamp(2, Timestamp.from(event.timestamp()));
    insert.setString(3, EcsDocument.monthOf(event.timestamp()));
    insert.setString(4, EcsDocument.toJson(event));
  }

  private static AuditException unavailable(SQLException e) {
    return new AuditException(AuditErrorCode.OUTBOX_UNAVAILABLE,
        "The audit event could not be written; the access was refused", e);
  }
}
