package io.lethe.storage;

import io.lethe.storage.db.IdLists;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code blind_indexes} table: one digest per (record, searchable field, index version). */
final class BlindIndexStore {

  /** A row to write. */
  record Digest(String field, int version, byte[] digest) {}

  void insert(Connection c, UUID recordId, List<Digest> digests) {
    if (digests.isEmpty()) {
      return;
    }
    String sql = "INSERT INTO blind_indexes (record_id, field, version, digest) VALUES (?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Digest d : digests) {
        ps.setObject(1, recordId);
        ps.setString(2, d.field());
        ps.setInt(3, d.version());
        ps.setBytes(4, d.digest());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw Jdbc.failed("insert blind index rows", e);
    }
  }

  /** Removes the named fields' digests under every version. */
  void deleteFields(Connection c, UUID recordId, Collection<String> fields) {
    String sql = "DELETE FROM blind_indexes WHERE record_id = ? AND field = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (String field : fields) {
        ps.setObject(1, recordId);
        ps.setString(2, field);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw Jdbc.failed("delete blind index rows", e);
    }
  }

  void deleteRecord(Connection c, UUID recordId) {
    update(c, "DELETE FROM blind_indexes WHERE record_id = ?", recordId, "a record's");
  }

  /** Every digest of these records, {@link IdLists#CHUNK} records per statement. */
  void deleteRecords(Connection c, Collection<UUID> recordIds) {
    for (List<UUID> chunk : IdLists.chunks(recordIds)) {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM blind_indexes WHERE record_id IN " + IdLists.in(chunk.size()))) {
        IdLists.bind(ps, 1, chunk);
        ps.executeUpdate();
      } catch (SQLException e) {
        throw Jdbc.failed("delete records' blind index rows", e);
      }
    }
  }

  void deleteSubject(Connection c, UUID subjectId) {
    update(c, "DELETE FROM blind_indexes WHERE record_id IN"
        + " (SELECT id FROM records WHERE subject_id = ?)", subjectId, "a subject's");
  }

  /**
   * Live records of {@code type} whose {@code field} has one of these digests (index version →
   * digest), oldest record first. One statement, whatever the number of active versions.
   */
  List<IndexHit> find(Connection c, String type, String field, Map<Integer, byte[]> digests) {
    if (digests.isEmpty()) {
      return List.of();
    }
    String anyVersion = String.join(" OR ",
        Collections.nCopies(digests.size(), "(b.version = ? AND b.digest = ?)"));
    String sql = "SELECT b.record_id, r.subject_id FROM blind_indexes b"
        + " JOIN records r ON r.id = b.record_id JOIN subjects s ON s.id = r.subject_id"
        + " WHERE b.field = ? AND (" + anyVersion + ") AND r.type = ?"
        + " AND r.state = 'ACTIVE' AND s.status <> 'ERASED'"
        + " ORDER BY r.created_at, b.record_id";
    List<IndexHit> hits = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, field);
      for (Map.Entry<Integer, byte[]> d : digests.entrySet()) {
        ps.setInt(i++, d.getKey());
        ps.setBytes(i++, d.getValue());
      }
      ps.setString(i, type);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          IndexHit hit = new IndexHit(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
          if (!hits.contains(hit)) {
            hits.add(hit);
          }
        }
      }
      return hits;
    } catch (SQLException e) {
      throw Jdbc.failed("search a blind index", e);
    }
  }

  private static void update(Connection c, String sql, UUID id, String whose) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("delete " + whose + " blind index rows", e);
    }
  }
}
