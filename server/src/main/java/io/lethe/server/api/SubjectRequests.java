package io.lethe.server.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The subject_requests table: one row per request, followed by id. */
@Component
class SubjectRequests {

  /** A request's state, without any personal data. */
  record SubjectRequest(UUID id, UUID subjectId, String kind, String status, String requestedBy,
      Instant createdAt, Instant finishedAt) {}

  SubjectRequest insertDone(Connection c, UUID subjectId, String kind, String requestedBy,
      Instant now) throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO subject_requests (id, subject_id,"
        + " kind, status, requested_by, created_at, finished_at) VALUES (?, ?, ?, 'DONE', ?, ?, ?)")) {
      ps.setString(1, id.toString());
      ps.setString(2, subjectId.toString());
      ps.setString(3, kind);
      ps.setString(4, requestedBy);
      ps.setTimestamp(5, Timestamp.from(now));
      ps.setTimestamp(6, Timestamp.from(now));
      ps.executeUpdate();
    }
    return new SubjectRequest(id, subjectId, kind, "DONE", requestedBy, now, now);
  }

  Optional<SubjectRequest> find(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT subject_id, kind, status, requested_by,"
        + " created_at, finished_at FROM subject_requests WHERE id = ?")) {
      ps.setString(1, id.toString());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Timestamp finished = rs.getTimestamp("finished_at");
        return Optional.of(new SubjectRequest(id, UUID.fromString(rs.getString("subject_id")),
            rs.getString("kind"), rs.getString("status"), rs.getString("requested_by"),
            rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant()));
      }
    }
  }
}
