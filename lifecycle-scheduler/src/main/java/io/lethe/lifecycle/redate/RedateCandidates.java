package io.lethe.lifecycle.redate;

import io.lethe.lifecycle.Dating;
import io.lethe.lifecycle.Jdbc;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.policy.RetentionRule;
import io.lethe.lifecycle.policy.Trigger;
import io.lethe.storage.Expiry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Claims, in id order, the ACTIVE records whose date the policy may compute differently from the
 * stored one, with {@code FOR UPDATE SKIP LOCKED} (two runs, or a run and a sweep or a trigger,
 * never take the same row):
 *
 * <ul>
 *   <li>dated under another version, or before versions were recorded;
 *   <li>dated under this version before starts were recorded (their start is filled in);
 *   <li>undated, of a class that now counts from an event that has happened: creation, or the
 *       closure of an account that is closed (the class counted from another event before).
 * </ul>
 *
 * Records of erased subjects are the erasure's. Once redated a record matches none of these, so
 * a run ends and a later one finds only what changed since.
 */
final class RedateCandidates {

  private final String version;
  private final List<String> countedFromCreation;
  private final List<String> countedFromClosure;

  RedateCandidates(RetentionPolicy policy) {
    this.version = policy.version();
    this.countedFromCreation = classes(policy, t -> t.atCreation());
    this.countedFromClosure = classes(policy, t -> t == Trigger.SUBJECT_CLOSED);
  }

  List<Candidate> claim(Connection c, Optional<UUID> after, int limit) {
    String sql = "SELECT id, subject_id, type, retention_class, created_at, expires_at,"
        + " policy_version, expiry_from, expiry_event, (SELECT s.closed_at FROM subjects s"
        + " WHERE s.id = records.subject_id) AS subject_closed_at FROM records"
        + " WHERE state = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM subjects s"
        + " WHERE s.id = records.subject_id AND s.status = 'ERASED')"
        + " AND ((expires_at IS NOT NULL AND (policy_version IS NULL OR policy_version <> ?"
        + " OR expiry_from IS NULL))"
        + (countedFromCreation.isEmpty() ? "" : " OR (expires_at IS NULL AND retention_class IN ("
            + marks(countedFromCreation) + "))")
        + (countedFromClosure.isEmpty() ? "" : " OR (expires_at IS NULL AND retention_class IN ("
            + marks(countedFromClosure) + ") AND EXISTS (SELECT 1 FROM subjects s"
            + " WHERE s.id = records.subject_id AND s.closed_at IS NOT NULL))")
        + ")" + (after.isPresent() ? " AND id > ?" : "")
        + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED";
    List<Candidate> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, version);
      for (String retentionClass : countedFromCreation) {
        ps.setString(i++, retentionClass);
      }
      for (String retentionClass : countedFromClosure) {
        ps.setString(i++, retentionClass);
      }
      if (after.isPresent()) {
        ps.setObject(i, after.get());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Candidate(rs.getObject("id", UUID.class),
              rs.getObject("subject_id", UUID.class), rs.getString("type"),
              rs.getString("retention_class"), Jdbc.instant(rs, "created_at").orElseThrow(),
              Jdbc.instant(rs, "expires_at"), Optional.ofNullable(rs.getString("policy_version")),
              Jdbc.instant(rs, "expiry_from"), Optional.ofNullable(rs.getString("expiry_event")),
              Jdbc.instant(rs, "subject_closed_at")));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failed("claim records to redate", e);
    }
    return out;
  }

  /** Writes each record's new dating (empty: undated), all in one batch. */
  void update(Connection c, Map<UUID, Optional<Expiry>> dating) {
    if (dating.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE records SET " + Dating.SET + " WHERE id = ?")) {
      for (Map.Entry<UUID, Optional<Expiry>> e : dating.entrySet()) {
        ps.setObject(Dating.bind(ps, 1, e.getValue()), e.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw Jdbc.failed("redate records", e);
    }
  }

  private static List<String> classes(RetentionPolicy policy, Predicate<Trigger> event) {
    return policy.rules().values().stream().filter(r -> event.test(r.countedFrom()))
        .map(RetentionRule::retentionClass).sorted().toList();
  }

  private static String marks(List<String> values) {
    return String.join(", ", Collections.nCopies(values.size(), "?"));
  }
}
