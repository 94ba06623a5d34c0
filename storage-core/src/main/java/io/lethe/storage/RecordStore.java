package io.lethe.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code records} and {@code record_fields} tables. */
final class RecordStore {

  /** A record row; deleted records are never returned. */
  record RecordRow(UUID id, UUID subjectId, String type, int schemaVersion,
      String retentionClass, Instant createdAt) {}

  void insert(Connection c, RecordRow r, Map<String, byte[]> ciphertexts) {
    String sql = "INSERT INTO records (id, subject_id, type, schema_version, retention_class,"
        + " state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, r.id());
      ps.setObject(2, r.subjectId());
      ps.setString(3, r.type());
      ps.setInt(4, r.schemaVersion());
      ps.setString(5, r.retentionClass());
      Jdbc.setInstant(ps, 6, r.createdAt());
      Jdbc.setInstant(ps, 7, r.createdAt());
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

  Optional<RecordRow> find(Connection c, UUID id) {
    String sql = "SELECT id, subject_id, type, schema_version, retention_class, created_at"
        + " FROM records WHERE id = ? AND state <> 'DELETED'";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new RecordRow(rs.getObject("id", UUID.class),
            rs.getObject("subject_id", UUID.class), rs.getString("type"),
            rs.getInt("schema_version"), rs.getString("retention_class"),
            Jdbc.getInstant(rs, "created_at")));
      }
    } catch (SQLException e) {
      throw Jdbc.failed("read a record", e);
    }
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
}
