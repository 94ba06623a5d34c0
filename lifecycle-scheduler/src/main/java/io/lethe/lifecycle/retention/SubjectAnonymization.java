package io.lethe.lifecycle.retention;

import io.lethe.lifecycle.Jdbc;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.retention.ExpiredRecords.Candidate;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.objects.ObjectStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Anonymizes, ahead of their expiry, every active record of one subject whose retention class
 * ends in anonymization: what {@code service-termination} does before it erases the subject,
 * so that records the policy keeps for statistics survive the service's end without naming
 * anyone. Each record goes through {@link RecordAnonymizing}, as in the anonymization job; a
 * record it cannot anonymize (failed, or deferred because the subject is suspended) is left to
 * the erasure that follows, which deletes it.
 */
public final class SubjectAnonymization {

  private final RetentionPolicy policy;
  private final RecordAnonymizing anonymizing;

  public SubjectAnonymization(RetentionPolicy policy, PersonalDataStore records,
      ObjectStore objects) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.anonymizing = new RecordAnonymizing(policy, records, objects);
  }

  /** Anonymizes the subject's records (or, in a dry run, counts them); returns how many. */
  public int anonymize(Connection c, JobContext ctx, UUID subject) {
    int anonymized = 0;
    for (Candidate record : anonymizable(c, subject)) {
      if (anonymizing.anonymize(c, ctx, record).kind() == RecordAnonymizing.Result.Kind.ANONYMIZED) {
        anonymized++;
      }
    }
    return anonymized;
  }

  private List<Candidate> anonymizable(Connection c, UUID subject) {
    List<String> classes = policy.anonymizedClasses().stream().sorted().toList();
    if (classes.isEmpty()) {
      return List.of();
    }
    String sql = "SELECT id, type, retention_class, expires_at FROM records"
        + " WHERE subject_id = ? AND state = 'ACTIVE' AND retention_class IN ("
        + String.join(", ", Collections.nCopies(classes.size(), "?")) + ") ORDER BY id";
    List<Candidate> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, subject);
      for (int i = 0; i < classes.size(); i++) {
        ps.setString(i + 2, classes.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Candidate(rs.getObject("id", UUID.class), subject, rs.getString("type"),
              rs.getString("retention_class"), Jdbc.instant(rs, "expires_at").orElse(null)));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failed("list a subject's records to anonymize", e);
    }
    return out;
  }
}
