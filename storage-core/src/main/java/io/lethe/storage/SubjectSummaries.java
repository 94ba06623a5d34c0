package io.lethe.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Counts of a subject's live records and objects, next to its status row. */
final class SubjectSummaries {

  private static final String SQL = "SELECT s.id, s.status, s.created_at, s.policy_version, s.closed_at,"
      + " (SELECT COUNT(*) FROM records r WHERE r.subject_id = s.id AND r.state = 'ACTIVE'),"
      + " (SELECT COUNT(*) FROM objects o WHERE o.subject_id = s.id)"
      + " FROM subjects s WHERE s.id = ?";

  private SubjectSummaries() {}

  static SubjectSummary of(Connection c, UUID subjectId) {
    try (PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setObject(1, subjectId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StorageException(StorageErrorCode.SUBJECT_NOT_FOUND,
              "subject " + subjectId + " does not exist");
        }
        return new SubjectSummary(rs.getObject(1, UUID.class),
            SubjectStatus.valueOf(rs.getString(2)), Jdbc.getInstant(rs, "created_at"),
            rs.getString(4), Jdbc.getInstant(rs, "closed_at"), rs.getLong(6), rs.getLong(7));
      }
    } catch (SQLException e) {
      throw Jdbc.failed("read a subject", e);
    }
  }
}
