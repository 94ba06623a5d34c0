package io.lethe.lifecycle.triggers;

import io.lethe.lifecycle.Dating;
import io.lethe.lifecycle.Jdbc;
import io.lethe.storage.Expiry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The rows a trigger reads and changes: {@code subjects.closed_at}, and {@code records.expires_at}
 * with the {@code policy_version} that computed it and the start it counts from
 * ({@code expiry_from}, {@code expiry_event}), always written together, so a date is never left
 * explained by another policy's version or start. Each read locks its row, so a concurrent
 * trigger on the same subject or record waits and then sees the first one's outcome.
 */
final class TriggerRows {

  /** What a closure needs of a subject. */
  record SubjectState(String status, Optional<Instant> closedAt) {}

  /**
   * What a fulfilment needs of a record; the version is empty for an undated record, the start
   * also for one dated before starts were recorded.
   */
  record RecordState(UUID subjectId, String type, String retentionClass, String state,
      Optional<Instant> expiresAt, Optional<String> policyVersion, Optional<Instant> expiryFrom,
      Optional<String> expiryEvent) {}

  Optional<SubjectState> lockSubject(Connection c, UUID subjectId) {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT status, closed_at FROM subjects WHERE id = ? FOR UPDATE")) {
      ps.setObject(1, subjectId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new SubjectState(rs.getString(1), Jdbc.instant(rs, "closed_at")))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw Jdbc.failed("read a subject", e);
    }
  }

  /** {@code at} null reopens. */
  void setClosedAt(Connection c, UUID subjectId, Instant at) {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE subjects SET closed_at = ? WHERE id = ?")) {
      Jdbc.setInstant(ps, 1, at);
      ps.setObject(2, subjectId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("close or reopen a subject", e);
    }
  }

  /**
   * Sets (or with an empty expiry clears) the expiry, its policy version and its start on the
   * subject's ACTIVE records of one class; returns how many. DELETED and ANONYMIZED rows keep
   * theirs: they hold nothing left to expire.
   */
  int setExpiryOfClass(Connection c, UUID subjectId, String retentionClass,
      Optional<Expiry> expiry) {
    try (PreparedStatement ps = c.prepareStatement("UPDATE records SET " + Dating.SET
        + " WHERE subject_id = ? AND retention_class = ? AND state = 'ACTIVE'")) {
      int next = Dating.bind(ps, 1, expiry);
      ps.setObject(next, subjectId);
      ps.setString(next + 1, retentionClass);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("date a subject's records", e);
    }
  }

  Optional<RecordState> lockRecord(Connection c, UUID recordId) {
    try (PreparedStatement ps = c.prepareStatement("SELECT subject_id, type, retention_class,"
        + " state, expires_at, policy_version, expiry_from, expiry_event FROM records"
        + " WHERE id = ? FOR UPDATE")) {
      ps.setObject(1, recordId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new RecordState(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), rs.getString(4), Jdbc.instant(rs, "expires_at"),
                Optional.ofNullable(rs.getString("policy_version")),
                Jdbc.instant(rs, "expiry_from"),
                Optional.ofNullable(rs.getString("expiry_event"))))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw Jdbc.failed("read a record", e);
    }
  }

  void setExpiry(Connection c, UUID recordId, Expiry expiry) {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE records SET " + Dating.SET + " WHERE id = ?")) {
      ps.setObject(Dating.bind(ps, 1, Optional.of(expiry)), recordId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("date a record", e);
    }
  }
}
