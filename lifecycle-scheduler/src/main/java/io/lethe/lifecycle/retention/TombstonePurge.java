package io.lethe.lifecycle.retention;

import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.Jdbc;
import io.lethe.lifecycle.jobs.Batch;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.LifecycleJob;
import io.lethe.storage.objects.ObjectStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code tombstone-purge}: removes the rows of records deleted (by a sweep, a request or an
 * erasure) or anonymized longer than {@code grace} ago. A tombstone holds no personal data (id,
 * type, dates; an anonymized record's generalized copy lives apart, unlinked, and stays);
 * it is kept for the grace period so that a read of a just-deleted record says "deleted" rather
 * than "never was", and so that the audit trail's recent ids still resolve. Anything still
 * linked to it (objects a direct deletion left behind) goes with it. Audited as
 * {@code record.purge}, one event per row; rows are claimed with {@code SKIP LOCKED}.
 */
public final class TombstonePurge implements LifecycleJob {

  public static final String NAME = "tombstone-purge";

  private final ObjectStore objects;
  private final Duration grace;
  private final AuditOutbox audit = new AuditOutbox();

  public TombstonePurge(ObjectStore objects, Duration grace) {
    this.objects = Objects.requireNonNull(objects, "objects");
    this.grace = Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Batch nextBatch(Connection c, JobContext ctx) {
    Optional<SweepCursor> after = ctx.resumeAfter().map(SweepCursor::decode);
    List<Tombstone> claimed = claim(c, ctx.now().minus(grace), after, ctx.batchSize());
    if (claimed.isEmpty()) {
      return Batch.finished();
    }
    if (!ctx.dryRun()) {
      for (Tombstone t : claimed) {
        objects.deleteForRecord(c, t.id());
        audit.append(c, ctx.event("record.purge", Outcome.SUCCESS).subject(t.subjectId())
            .record(t.id(), t.type()).build());
      }
      remove(c, claimed);
    }
    Tombstone last = claimed.get(claimed.size() - 1);
    // The sweep's cursor, on the deletion instant instead of the expiry: the same walk order.
    return new Batch(new JobCounts(claimed.size(), claimed.size(), 0, 0, 0, 0),
        Optional.of(new SweepCursor(last.updatedAt(), last.id()).encode()), Optional.empty());
  }

  private record Tombstone(UUID id, UUID subjectId, String type, Instant updatedAt) {}

  private static List<Tombstone> claim(Connection c, Instant before,
      Optional<SweepCursor> after, int limit) {
    String sql = "SELECT id, subject_id, type, updated_at FROM records"
        + " WHERE state IN ('DELETED', 'ANONYMIZED') AND updated_at < ?"
        + (after.isPresent() ? " AND (updated_at > ? OR (updated_at = ? AND id > ?))" : "")
        + " ORDER BY updated_at, id FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED";
    List<Tombstone> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.setInstant(ps, 1, before);
      if (after.isPresent()) {
        Jdbc.setInstant(ps, 2, after.get().expiresAt());
        Jdbc.setInstant(ps, 3, after.get().expiresAt());
        ps.setObject(4, after.get().recordId());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Tombstone(rs.getObject("id", UUID.class),
              rs.getObject("subject_id", UUID.class), rs.getString("type"),
              Jdbc.instant(rs, "updated_at").orElseThrow()));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failed("claim tombstones", e);
    }
    return out;
  }

  private static void remove(Connection c, List<Tombstone> tombstones) {
    // Fields and digests went when the record was deleted; deleting them again costs nothing
    // and keeps the foreign keys satisfied whatever path deleted the record.
    for (String sql : List.of("DELETE FROM record_fields WHERE record_id = ?",
        "DELETE FROM blind_indexes WHERE record_id = ?", "DELETE FROM records WHERE id = ?")) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (Tombstone t : tombstones) {
          ps.setObject(1, t.id());
          ps.addBatch();
        }
        ps.executeBatch();
      } catch (SQLException e) {
        throw Jdbc.failed("remove tombstones", e);
      }
    }
  }
}
