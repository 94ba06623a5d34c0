package io.lethe.storage.objects;

import io.lethe.storage.UsableSubjects;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.keys.KeyProvider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The subject's data key, for an ACTIVE subject only (the rule is {@link UsableSubjects}'s). */
final class SubjectKeys {

  private final KeyProvider keys;

  SubjectKeys(KeyProvider keys) {
    this.keys = keys;
  }

  /** Checks the subject may be used now; throws {@code storage.subject.*} otherwise. */
  void requireActive(Connection c, UUID subjectId) {
    UsableSubjects.wrappedKey(c, subjectId);
  }

  /** The plaintext subject key; the caller closes it. */
  SecretBytes unwrap(Connection c, UUID subjectId) {
    return keys.unwrap(UsableSubjects.wrappedKey(c, subjectId));
  }

  /** The plaintext subject key if new data may be written to the subject; the caller closes it. */
  SecretBytes unwrapForWriting(Connection c, UUID subjectId) {
    return keys.unwrap(UsableSubjects.writableKey(c, subjectId));
  }

  /** The plaintext subject key if the subject may be read for {@code purpose}. */
  SecretBytes unwrapForReading(Connection c, UUID subjectId, String purpose) {
    return keys.unwrap(UsableSubjects.readableKey(c, subjectId, purpose));
  }

  /** Checks the subject may be read for {@code purpose}; throws {@code storage.subject.*}. */
  void requireReadable(Connection c, UUID subjectId, String purpose) {
    UsableSubjects.readableKey(c, subjectId, purpose);
  }

  /** True if {@code recordId} is a record of {@code subjectId}. */
  boolean ownsRecord(Connection c, UUID subjectId, UUID recordId) {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT subject_id FROM records WHERE id = ?")) {
      ps.setObject(1, recordId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && subjectId.equals(rs.getObject(1, UUID.class));
      }
    } catch (SQLException e) {
      throw ObjectRows.failed("read a record", e);
    }
  }
}
