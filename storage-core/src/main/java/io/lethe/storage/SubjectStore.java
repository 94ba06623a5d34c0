package io.lethe.storage;

import io.lethe.storage.keys.WrappedKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The {@code subjects} table. */
final class SubjectStore {

  /**
   * A subject row; {@code key} is null once the subject is erased, {@code closedAt} while its
   * account is open.
   */
  record SubjectRow(Subject subject, WrappedKey key, Instant closedAt) {}

  void insert(Connection c, Subject s, WrappedKey key) {
    String sql = "INSERT INTO subjects (id, status, created_at, wrapped_key, kek_id, kek_version)"
        + " VALUES (?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, s.id());
      ps.setString(2, s.status().name());
      Jdbc.setInstant(ps, 3, s.createdAt());
      ps.setString(4, key.ciphertext());
      ps.setString(5, key.kekId());
      ps.setInt(6, key.kekVersion());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("insert a subject", e);
    }
  }

  Optional<SubjectRow> find(Connection c, UUID id) {
    String sql = "SELECT id, status, created_at, closed_at, wrapped_key, kek_id, kek_version"
        + " FROM subjects WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Subject s = new Subject(rs.getObject("id", UUID.class),
            SubjectStatus.valueOf(rs.getString("status")), Jdbc.getInstant(rs, "created_at"));
        String wrapped = rs.getString("wrapped_key");
        WrappedKey key = wrapped == null ? null
            : new WrappedKey(rs.getString("kek_id"), rs.getInt("kek_version"), wrapped);
        return Optional.of(new SubjectRow(s, key, Jdbc.getInstant(rs, "closed_at")));
      }
    } catch (SQLException e) {
      throw Jdbc.failed("read a subject", e);
    }
  }

  /**
   * Moves the subject from {@code from} to {@code to}; false if its status changed meanwhile.
   * Erasing also deletes the wrapped key in the same statement: that is the crypto-shredding;
   * it closes the account too, unless it was closed before. Suspending and resuming leave
   * {@code closed_at} alone: it starts the retention clock of the account's records (ADR 0017),
   * which a freeze must neither start nor stop.
   */
  boolean changeStatus(Connection c, UUID id, SubjectStatus from, SubjectStatus to, Instant now) {
    boolean erase = to == SubjectStatus.ERASED;
    String sql = erase
        ? "UPDATE subjects SET status = ?, closed_at = COALESCE(closed_at, ?), wrapped_key = NULL,"
            + " kek_id = NULL, kek_version = NULL WHERE id = ? AND status = ?"
        : "UPDATE subjects SET status = ? WHERE id = ? AND status = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, to.name());
      if (erase) {
        Jdbc.setInstant(ps, i++, now);
      }
      ps.setObject(i++, id);
      ps.setString(i, from.name());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Jdbc.failed("change a subject's status", e);
    }
  }
}
