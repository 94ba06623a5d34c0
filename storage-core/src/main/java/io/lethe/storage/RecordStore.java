package io.lethe.storage;

import io.lethe.storage.db.IdLists;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code records} and {@code record_fields} tables. */
final class RecordStore {

  /**
   * A record row; only ACTIVE records are returned, never deleted or anonymized ones.
   * {@code expiresAt} is null while the record's retention trigger has not happened;
   * {@code policyVersion} is the version that computed it, null with it (and for a row dated
   * before versions were recorded). The expiry's start ({@code expiry_from}, {@code expiry_event})
   * is written with a new row and not read back here: only the lifecycle jobs need it.
   */
  record RecordRow(UUID id, UUID subjectId, String type, int schemaVersion,
      String retentionClass, Instant createdAt, Instant expiresAt, String policyVersion) {}

  private static final String COLUMNS = "id, subject_id, type, schema_version, retention_class,"
      + " created_at, expires_at, policy_version";

  /** {@code expiry} null: the record waits for its trigger (its row's date columns stay null). */
  void insert(Connection c, RecordRow r, Expiry expiry, Map<String, byte[]> ciphertexts) {
    String sql = "INSERT INTO records (id, subject_id, type, schema_version, retention_class,"
        + " state, created_at, updated_at, expires_at, policy_version, expiry_from, expiry_event)"
        + " VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, r.id());
      ps.setObject(2, r.subjectId());
      ps.setString(3, r.type());
      ps.setInt(4, r.schemaVersion());
      ps.setString(5, r.retentionClass());
      Jdbc.setInstant(ps, 6, r.createdAt());
      Jdbc.setInstant(ps, 7, r.createdAt());
      setInstantOrNull(ps, 8, expiry == null ? null : expiry.at());
      ps.setString(9, expiry == null ? null : expiry.policyVersion());
      setInstantOrNull(ps, 10, expiry == null ? null : expiry.from());
      ps.setString(11, expiry == null ? null : expiry.event());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("insert a record", e);
    }
    String fieldSql = "INSERT INTO record_fields (record_id, name, ciphertext) VALUES (?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(fieldSql)) {
      for (Map.Entry<String, byte[]> f : ciphertexts.entrySet()) {
        ps.setObject(1, r.id());
        ps.setString(2, f.getKey());
        ps.setBytes(3, f.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw Jdbc.failed("insert a record's fields", e);
    }
  }

  /**
   * Turns up to {@code limit} of the subject's live records into DELETED tombstones: fields
   * deleted, {@code expires_at} cleared (nothing is left for a retention job to expire), the row
   * locked so two purges never take the same one. Returns them as they were; an empty list when
   * none is left. Blind index rows are the caller's.
   */
  List<RecordRow> tombstoneOfSubject(Connection c, UUID subjectId, int limit,
      Instant now) {
    List<RecordRow> claimed = new ArrayList<>();
    String sql = "SELECT " + COLUMNS + " FROM records WHERE subject_id = ? AND state <> 'DELETED'"
        + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, subjectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.add(row(rs));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failed("claim a subject's records", e);
    }
    try (PreparedStatement fields = c.prepareStatement(
            "DELETE FROM record_fields WHERE record_id = ?");
        PreparedStatement row = c.prepareStatement("UPDATE records SET state = 'DELETED',"
            + " expires_at = NULL, policy_version = NULL, expiry_from = NULL, expiry_event = NULL,"
            + " updated_at = ? WHERE id = ?")) {
      for (RecordRow r : claimed) {
        fields.setObject(1, r.id());
        fields.addBatch();
        Jdbc.setInstant(row, 1, now);
        row.setObject(2, r.id());
        row.addBatch();
      }
      fields.executeBatch();
      row.executeBatch();
    } catch (SQLException e) {
      throw Jdbc.failed("purge a subject's records", e);
    }
    return claimed;
  }

  /** True if the record exists, deleted or not, and its subject was erased. */
  /**
   * The live record, else why not: {@code storage.subject.erased} for a tombstone that erasure
   * left (rather than claiming it never was), {@code storage.record.not-found} otherwise.
   */
  RecordRow require(Connection c, UUID recordId) {
    Optional<RecordRow> found = find(c, recordId);
    if (found.isEmpty() && ofErasedSubject(c, recordId)) {
      throw new StorageException(StorageErrorCode.SUBJECT_ERASED,
          "the record's subject was erased; its data cannot be read or changed");
    }
    return found.orElseThrow(() -> new StorageException(StorageErrorCode.RECORD_NOT_FOUND,
        "record " + recordId + " does not exist"));
  }

  boolean ofErasedSubject(Connection c, UUID recordId) {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM records r JOIN subjects s"
        + " ON s.id = r.subject_id WHERE r.id = ? AND s.status = 'ERASED'")) {
      ps.setObject(1, recordId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw Jdbc.failed("read a record's subject", e);
    }
  }

  /** The subject's live (not deleted) records, oldest first. */
  List<RecordRow> ofSubject(Connection c, UUID subjectId) {
    String sql = "SELECT " + COLUMNS + " FROM records WHERE subject_id = ? AND state <> 'DELETED'"
        + " ORDER BY created_at, id";
    List<RecordRow> rows = new java.util.ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, subjectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(row(rs));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failed("list a subject's records", e);
    }
    return rows;
  }

  private static RecordRow row(ResultSet rs) throws SQLException {
    return new RecordRow(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class),
        rs.getString("type"), rs.getInt("schema_version"), rs.getString("retention_class"),
        Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "expires_at"),
        rs.getString("policy_version"));
  }

  Optional<RecordRow> find(Connection c, UUID id) {
    String sql = "SELECT " + COLUMNS + " FROM records WHERE id = ? AND state = 'ACTIVE'";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(row(rs));
      }
    } catch (SQLException e) {
      throw Jdbc.failed("read a record", e);
    }
  }

  /**
   * Replaces the named fields: each is deleted, then written again if {@code ciphertexts} has
   * it (absent: the field was removed). Also sets {@code updated_at}.
   */
  void replaceFields(Connection c, UUID recordId, Collection<String> names,
      Map<String, byte[]> ciphertexts, Instant now) {
    try (PreparedStatement del = c.prepareStatement(
            "DELETE FROM record_fields WHERE record_id = ? AND name = ?");
        PreparedStatement ins = c.prepareStatement(
            "INSERT INTO record_fields (record_id, name, ciphertext) VALUES (?, ?, ?)")) {
      for (String name : names) {
        del.setObject(1, recordId);
        del.setString(2, name);
        del.addBatch();
        if (ciphertexts.containsKey(name)) {
          ins.setObject(1, recordId);
          ins.setString(2, name);
          ins.setBytes(3, ciphertexts.get(name));
          ins.addBatch();
        }
      }
      del.executeBatch();
      ins.executeBatch();
    } catch (SQLException e) {
      throw Jdbc.failed("replace a record's fields", e);
    }
    touch(c, recordId, now, "UPDATE records SET updated_at = ? WHERE id = ?");
  }

  /**
   * Deletes the record's fields and leaves the row as a DELETED tombstone holding no personal
   * data (type, retention class, timestamps), for the audit trail and the retention job to
   * purge. False if it was deleted meanwhile.
   */
  boolean markDeleted(Connection c, UUID recordId, Instant now) {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM record_fields WHERE record_id = ?")) {
      ps.setObject(1, recordId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("delete a record's fields", e);
    }
    return touch(c, recordId, now, "UPDATE records SET state = 'DELETED', updated_at = ?"
        + " WHERE id = ? AND state <> 'DELETED'");
  }

  /**
   * {@link #markDeleted} for many ACTIVE records at once, with one statement per table and
   * {@link IdLists#CHUNK} ids: rows first (which says how many were still ACTIVE), then fields.
   * Returns how many rows turned DELETED; fewer than the distinct ids means some were not
   * ACTIVE, and the caller must roll back what this wrote.
   */
  int markAllDeleted(Connection c, Collection<UUID> recordIds, Instant now) {
    int deleted = 0;
    for (List<UUID> chunk : IdLists.chunks(recordIds)) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE records SET state = 'DELETED',"
          + " updated_at = ? WHERE state = 'ACTIVE' AND id IN " + IdLists.in(chunk.size()))) {
        Jdbc.setInstant(ps, 1, now);
        IdLists.bind(ps, 2, chunk);
        deleted += ps.executeUpdate();
      } catch (SQLException e) {
        throw Jdbc.failed("update records", e);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM record_fields WHERE record_id IN " + IdLists.in(chunk.size()))) {
        IdLists.bind(ps, 1, chunk);
        ps.executeUpdate();
      } catch (SQLException e) {
        throw Jdbc.failed("delete records' fields", e);
      }
    }
    return deleted;
  }

  /** Field name → stored ciphertext. */
  Map<String, byte[]> fields(Connection c, UUID recordId) {
    String sql = "SELECT name, ciphertext FROM record_fields WHERE record_id = ? ORDER BY name";
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, recordId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString("name"), rs.getBytes("ciphertext"));
        }
      }
      return out;
    } catch (SQLException e) {
      throw Jdbc.failed("read a record's fields", e);
    }
  }

  private static void setInstantOrNull(PreparedStatement ps, int index, Instant value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      Jdbc.setInstant(ps, index, value);
    }
  }

  private static boolean touch(Connection c, UUID recordId, Instant now, String sql) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.setInstant(ps, 1, now);
      ps.setObject(2, recordId);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Jdbc.failed("update a record", e);
    }
  }
}
