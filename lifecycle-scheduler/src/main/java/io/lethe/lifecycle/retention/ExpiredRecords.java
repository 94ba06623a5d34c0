package io.lethe.lifecycle.retention;

import io.lethe.lifecycle.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Claims batches of ACTIVE records due at the run's instant, oldest expiry first, with
 * {@code FOR UPDATE SKIP LOCKED}: two sweeps on one database (two nodes, or retention-sweep and
 * biometric-purge) each lock their own rows and never wait for or take the other's. The locks
 * last until the batch commits, by which time the claimed records are DELETED or behind the
 * cursor.
 *
 * <p>On H2 2.x, {@code SKIP LOCKED} combined with {@code FETCH FIRST} locks every matching row,
 * not only the rows returned: correctness holds (nothing is taken twice), parallelism does not
 * (a second sweep finds nothing until the first commits). H2 is the one-machine default, where
 * that does not matter.
 */
final class ExpiredRecords {

  /** A claimed record: what the decision and the audit trail need, never a field. */
  record Candidate(UUID id, UUID subjectId, String type, String retentionClass,
      Instant expiresAt) {}

  private final Optional<List<String>> onlyClasses;

  /** @param onlyClasses the retention classes to claim; empty for all */
  ExpiredRecords(Optional<Set<String>> onlyClasses) {
    this.onlyClasses = onlyClasses.map(s -> s.stream().sorted().toList());
  }

  List<Candidate> claim(Connection c, Instant now, Optional<SweepCursor> after, int limit) {
    if (onlyClasses.isPresent() && onlyClasses.get().isEmpty()) {
      return List.of(); // e.g. the anonymization job under a policy that anonymizes nothing
    }
    String sql = "SELECT id, subject_id, type, retention_class, expires_at FROM records"
        + " WHERE state = 'ACTIVE' AND expires_at <= ?"
        // An erased subject's records are the erasure's to purge (its key is already gone):
        // taking them here too would delete and audit them a second time.
        + " AND NOT EXISTS (SELECT 1 FROM subjects s WHERE s.id = records.subject_id"
        + " AND s.status = 'ERASED')"
        + onlyClasses.map(l -> " AND retention_class IN ("
            + String.join(", ", Collections.nCopies(l.size(), "?")) + ")").orElse("")
        // A row comparison, which the (state, expires_at, id) index answers from the cursor on
        // (storage-core V9); the same test written with OR made each claim read every due row.
        + (after.isPresent() ? " AND (expires_at, id) > (?, ?)" : "")
        + " ORDER BY expires_at, id FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED";
    List<Candidate> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      Jdbc.setInstant(ps, i++, now);
      for (String retentionClass : onlyClasses.orElse(List.of())) {
        ps.setString(i++, retentionClass);
      }
      if (after.isPresent()) {
        Jdbc.setInstant(ps, i++, after.get().expiresAt());
        ps.setObject(i, after.get().recordId());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Candidate(rs.getObject("id", UUID.class),
              rs.getObject("subject_id", UUID.class), rs.getString("type"),
              rs.getString("retention_class"), Jdbc.instant(rs, "expires_at").orElseThrow()));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failed("claim expired records", e);
    }
    return out;
  }
}
