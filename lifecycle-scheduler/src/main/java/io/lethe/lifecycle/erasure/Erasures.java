package io.lethe.lifecycle.erasure;

import io.lethe.lifecycle.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code erasures} table. Methods use the caller's connection and never commit. Stateless
 * and thread-safe.
 */
public final class Erasures {

  private static final String COLUMNS = "subject_id, request_id, requested_by, requested_at,"
      + " key_destroyed_at, records_purged, objects_purged, last_error_code, finished_at";

  /**
   * Records an erasure request for the subject, or returns the one already recorded (pending or
   * finished): a subject is erased once, however many times it is asked.
   */
  public Erasure request(Connection c, UUID subjectId, UUID requestId, String requestedBy,
      Instant now) {
    Optional<Erasure> existing = find(c, subjectId);
    if (existing.isPresent()) {
      return existing.get();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO erasures (subject_id,"
        + " request_id, requested_by, requested_at, records_purged, objects_purged)"
        + " VALUES (?, ?, ?, ?, 0, 0)")) {
      ps.setObject(1, subjectId);
      ps.setObject(2, requestId);
      ps.setString(3, requestedBy);
      Jdbc.setInstant(ps, 4, now);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("record an erasure request", e);
    }
    return find(c, subjectId).orElseThrow();
  }

  public Optional<Erasure> find(Connection c, UUID subjectId) {
    return select(c, "SELECT " + COLUMNS + " FROM erasures WHERE subject_id = ?", subjectId)
        .stream().findFirst();
  }

  /** Erasures not finished yet, oldest request first. */
  public List<Erasure> pending(Connection c, int limit) {
    return select(c, "SELECT " + COLUMNS + " FROM erasures WHERE finished_at IS NULL"
        + " ORDER BY requested_at, subject_id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
        null);
  }

  /**
   * Locks the oldest unfinished erasure after {@code after}, skipping those another runner has
   * locked: two nodes never work on one subject at once.
   */
  Optional<Erasure> claimNext(Connection c, Optional<ErasureCursor> after) {
    String sql = "SELECT " + COLUMNS + " FROM erasures WHERE finished_at IS NULL"
        + (after.isPresent()
            ? " AND (requested_at > ? OR (requested_at = ? AND subject_id > ?))" : "")
        + " ORDER BY requested_at, subject_id FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (after.isPresent()) {
        Jdbc.setInstant(ps, 1, after.get().requestedAt());
        Jdbc.setInstant(ps, 2, after.get().requestedAt());
        ps.setObject(3, after.get().subjectId());
      }
      return read(ps).stream().findFirst();
    } catch (SQLException e) {
      throw Jdbc.failed("claim an erasure", e);
    }
  }

  void keyDestroyed(Connection c, UUID subjectId, Instant now) {
    update(c, "UPDATE erasures SET key_destroyed_at = ?, last_error_code = NULL"
        + " WHERE subject_id = ?", now, subjectId);
  }

  void purged(Connection c, UUID subjectId, long records, long objects) {
    try (PreparedStatement ps = c.prepareStatement("UPDATE erasures SET records_purged ="
        + " records_purged + ?, objects_purged = objects_purged + ?, last_error_code = NULL"
        + " WHERE subject_id = ?")) {
      ps.setLong(1, records);
      ps.setLong(2, objects);
      ps.setObject(3, subjectId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("count an erasure's progress", e);
    }
  }

  void failed(Connection c, UUID subjectId, String errorCode) {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE erasures SET last_error_code = ? WHERE subject_id = ?")) {
      ps.setString(1, errorCode);
      ps.setObject(2, subjectId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("record an erasure's failure", e);
    }
  }

  /** Removes an erasure that will not be carried out (refused, or failed before any step). */
  void forget(Connection c, UUID subjectId) {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM erasures WHERE subject_id = ? AND key_destroyed_at IS NULL")) {
      ps.setObject(1, subjectId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("remove an erasure", e);
    }
  }

  void finish(Connection c, UUID subjectId, Instant now) {
    update(c, "UPDATE erasures SET finished_at = ?, last_error_code = NULL WHERE subject_id = ?",
        now, subjectId);
  }

  private static void update(Connection c, String sql, Instant now, UUID subjectId) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.setInstant(ps, 1, now);
      ps.setObject(2, subjectId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("update an erasure", e);
    }
  }

  private static List<Erasure> select(Connection c, String sql, UUID param) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (param != null) {
        ps.setObject(1, param);
      }
      return read(ps);
    } catch (SQLException e) {
      throw Jdbc.failed("read erasures", e);
    }
  }

  private static List<Erasure> read(PreparedStatement ps) throws SQLException {
    List<Erasure> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Erasure(rs.getObject("subject_id", UUID.class),
            rs.getObject("request_id", UUID.class), rs.getString("requested_by"),
            Jdbc.instant(rs, "requested_at").orElseThrow(), Jdbc.instant(rs, "key_destroyed_at"),
            rs.getLong("records_purged"), rs.getLong("objects_purged"),
            Optional.ofNullable(rs.getString("last_error_code")),
            Jdbc.instant(rs, "finished_at")));
      }
    }
    return out;
  }
}
