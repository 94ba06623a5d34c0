package io.lethe.audit.outbox;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditException;
import io.lethe.audit.EcsDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Writes events durably in the caller's transaction. If {@link #append} throws, the caller must
 * roll back and refuse the access: Lethe does not serve data it cannot account for.
 *
 * <p>Thread safety: stateless; safe for concurrent use with distinct connections.
 */
public final class AuditOutbox {

  private static final String INSERT = "INSERT INTO audit_outbox "
      + "(event_id, occurred_at, event_month, document) VALUES (?, ?, ?, ?)";

  /** Appends the event within the transaction of {@code connection}; commit is the caller's. */
  public void append(Connection connection, AuditEvent event) {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, event.id().toString());
      insert.setTimestamp(2, Timestamp.from(event.timestamp()));
      insert.setString(3, EcsDocument.monthOf(event.timestamp()));
      insert.setString(4, EcsDocument.toJson(event));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new AuditException(AuditErrorCode.OUTBOX_UNAVAILABLE,
          "The audit event could not be written; the access was refused", e);
    }
  }
}
