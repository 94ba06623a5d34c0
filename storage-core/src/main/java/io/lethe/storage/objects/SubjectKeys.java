package io.lethe.storage.objects;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.WrappedKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The subject's data key, for an ACTIVE subject only, read from {@code subjects} (V1). The
 * record store's own subject classes are package-private to {@code io.lethe.storage}; the status
 * rule here is the same as {@code SubjectLifecycle.usable}: SUSPENDED and ERASED refuse.
 */
final class SubjectKeys {

  private final KeyProvider keys;

  SubjectKeys(KeyProvider keys) {
    this.keys = keys;
  }

  /** Checks the subject may be used now; throws {@code storage.subject.*} otherwise. */
  void requireActive(Connection c, UUID subjectId) {
    read(c, subjectId, false);
  }

  /** The plaintext subject key; the caller closes it. */
  SecretBytes unwrap(Connection c, UUID subjectId) {
    return keys.unwrap(read(c, subjectId, true));
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

  private WrappedKey read(Connection c, UUID subjectId, boolean withKey) {
    String sql = "SELECT status, wrapped_key, kek_id, kek_version FROM subjects WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, subjectId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StorageException(StorageErrorCode.SUBJECT_NOT_FOUND,
              "subject " + subjectId + " does not exist");
        }
        switch (rs.getString("status")) {
          case "ACTIVE" -> { }
          case "SUSPENDED" -> throw new StorageException(StorageErrorCode.SUBJECT_SUSPENDED,
              "subject " + subjectId + " is suspended");
          default -> throw new StorageException(StorageErrorCode.SUBJECT_ERASED,
              "subject " + subjectId + " was erased; its data cannot be read");
        }
        return withKey ? new WrappedKey(rs.getString("kek_id"), rs.getInt("kek_version"),
            rs.getString("wrapped_key")) : null;
      }
    } catch (SQLException e) {
      throw ObjectRows.failed("read a subject", e);
    }
  }
}
