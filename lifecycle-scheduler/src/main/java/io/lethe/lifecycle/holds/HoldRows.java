package io.lethe.lifecycle.holds;

import io.lethe.lifecycle.Jdbc;
import io.lethe.storage.db.IdLists;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** The {@code legal_holds} table, and the row locks that order holds against the sweeps. */
final class HoldRows {

  private static final String COLUMNS = "id, subject_id, record_id, reason, case_reference,"
      + " placed_by, placed_at, ends_at, released_at, released_by";
  /** The same columns of {@code legal_holds h}, where a join makes the bare names ambiguous. */
  private static final String QUALIFIED = Arrays.stream(COLUMNS.split(", "))
      .map(column -> "h." + column).collect(Collectors.joining(", "));
  private static final String ACTIVE = " released_at IS NULL AND (ends_at IS NULL OR ends_at > ?)";

  void insert(Connection c, LegalHold h) {
    String sql = "INSERT INTO legal_holds (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, h.id());
      ps.setObject(2, h.subjectId().orElse(null));
      ps.setObject(3, h.recordId().orElse(null));
      ps.setString(4, h.reason());
      ps.setString(5, h.caseReference());
      ps.setString(6, h.placedBy());
      Jdbc.setInstant(ps, 7, h.placedAt());
      Jdbc.setInstant(ps, 8, h.until().orElse(null));
      Jdbc.setInstant(ps, 9, null);
      ps.setString(10, null);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("insert a legal hold", e);
    }
  }

  /** False if it was released meanwhile. */
  boolean markReleased(Connection c, UUID id, Instant at, String by) {
    try (PreparedStatement ps = c.prepareStatement("UPDATE legal_holds SET released_at = ?,"
        + " released_by = ? WHERE id = ? AND released_at IS NULL")) {
      Jdbc.setInstant(ps, 1, at);
      ps.setString(2, by);
      ps.setObject(3, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Jdbc.failed("release a legal hold", e);
    }
  }

  Optional<LegalHold> find(Connection c, UUID id) {
    return select(c, "SELECT " + COLUMNS + " FROM legal_holds WHERE id = ?", id).stream()
        .findFirst();
  }

  List<LegalHold> active(Connection c, Instant now) {
    return select(c, "SELECT " + COLUMNS + " FROM legal_holds WHERE" + ACTIVE
        + " ORDER BY placed_at, id", now);
  }

  /** Active holds on the record itself or on its subject. */
  List<LegalHold> activeForRecord(Connection c, UUID recordId, Instant now) {
    return select(c, "SELECT " + COLUMNS + " FROM legal_holds WHERE" + ACTIVE
        + " AND (record_id = ? OR subject_id = (SELECT subject_id FROM records WHERE id = ?))"
        + " ORDER BY placed_at, id", now, recordId, recordId);
  }

  /**
   * {@link #activeForRecord} for many records with one statement per {@link IdLists#CHUNK}:
   * record id → its active holds, oldest first; a record without any is absent. Holds on a
   * record and holds on a subject are found apart (a {@code UNION ALL}), so each half is one
   * index lookup per record rather than a join on an {@code OR}.
   */
  Map<UUID, List<LegalHold>> activeForRecords(Connection c, Collection<UUID> recordIds,
      Instant now) {
    Map<UUID, List<LegalHold>> held = new HashMap<>();
    for (List<UUID> chunk : IdLists.chunks(recordIds)) {
      String in = IdLists.in(chunk.size());
      String sql = "SELECT " + COLUMNS + ", record_id AS covered FROM legal_holds WHERE"
          + ACTIVE + " AND record_id IN " + in
          + " UNION ALL SELECT " + QUALIFIED + ", r.id AS covered FROM legal_holds h"
          + " JOIN records r ON r.subject_id = h.subject_id WHERE" + ACTIVE + " AND r.id IN "
          + in + " ORDER BY placed_at, id";
      List<Object> params = new ArrayList<>();
      params.add(now);
      params.addAll(chunk);
      params.add(now);
      params.addAll(chunk);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(ps, params.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            held.computeIfAbsent(rs.getObject("covered", UUID.class), r -> new ArrayList<>())
                .add(hold(rs));
          }
        }
      } catch (SQLException e) {
        throw Jdbc.failed("read legal holds", e);
      }
    }
    return held;
  }

  /** Active holds on the subject or on any of its records. */
  List<LegalHold> activeForSubject(Connection c, UUID subjectId, Instant now) {
    return select(c, "SELECT " + COLUMNS + " FROM legal_holds WHERE" + ACTIVE
        + " AND (subject_id = ? OR record_id IN (SELECT id FROM records WHERE subject_id = ?))"
        + " ORDER BY placed_at, id", now, subjectId, subjectId);
  }

  /**
   * Locks the record rows the hold will cover until commit: a sweep holding one of them (it
   * claims records with row locks) finishes its batch first, and a sweep that comes later skips
   * them or, once this commits, sees the hold. The sweeps never lock subjects, so this order
   * (subject, then its records by id) cannot deadlock with them. False if there is no such
   * subject, or no such record that is still active (deleted and anonymized ones are gone).
   */
  boolean lockTarget(Connection c, boolean subject, UUID id) {
    if (subject) {
      boolean exists = lock(c, "SELECT id FROM subjects WHERE id = ? FOR UPDATE", id);
      lock(c, "SELECT id FROM records WHERE subject_id = ? AND state = 'ACTIVE'"
          + " ORDER BY id FOR UPDATE", id);
      return exists;
    }
    return lock(c, "SELECT id FROM records WHERE id = ? AND state = 'ACTIVE' FOR UPDATE", id);
  }

  private static boolean lock(Connection c, String sql, UUID id) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        boolean any = false;
        while (rs.next()) {
          any = true;
        }
        return any;
      }
    } catch (SQLException e) {
      throw Jdbc.failed("lock the target of a legal hold", e);
    }
  }

  private List<LegalHold> select(Connection c, String sql, Object... params) {
    List<LegalHold> holds = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          holds.add(hold(rs));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failed("read legal holds", e);
    }
    return holds;
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      if (params[i] instanceof Instant at) {
        Jdbc.setInstant(ps, i + 1, at);
      } else {
        ps.setObject(i + 1, params[i]);
      }
    }
  }

  private static LegalHold hold(ResultSet rs) throws SQLException {
    return new LegalHold(rs.getObject("id", UUID.class),
        Optional.ofNullable(rs.getObject("subject_id", UUID.class)),
        Optional.ofNullable(rs.getObject("record_id", UUID.class)),
        rs.getString("reason"), rs.getString("case_reference"), rs.getString("placed_by"),
        Jdbc.instant(rs, "placed_at").orElseThrow(), Jdbc.instant(rs, "ends_at"),
        Jdbc.instant(rs, "released_at"), Optional.ofNullable(rs.getString("released_by")));
  }
}
