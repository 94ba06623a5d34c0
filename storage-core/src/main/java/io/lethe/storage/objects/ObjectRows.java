package io.lethe.storage.objects;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.db.IdLists;
import io.lethe.storage.schema.Category;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The {@code objects} table. Timestamps as UTC {@link OffsetDateTime}, which both drivers take. */
final class ObjectRows {

  /** A row: the public metadata plus what only the store needs. */
  record Row(StoredObject object, String storageKey, int format, byte[] wrappedKey) {}

  private static final String COLUMNS = "id, subject_id, record_id, category, content_type, size,"
      + " storage_key, format, wrapped_key, created_at";

  void insert(Connection c, Row row) {
    StoredObject o = row.object();
    String sql = "INSERT INTO objects (" + COLUMNS + ", state)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE')";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, o.id());
      ps.setObject(2, o.subjectId());
      ps.setObject(3, o.recordId().orElse(null));
      ps.setString(4, o.category().yamlName());
      ps.setString(5, o.contentType());
      ps.setLong(6, o.size());
      ps.setString(7, row.storageKey());
      ps.setInt(8, row.format());
      ps.setBytes(9, row.wrappedKey());
      ps.setObject(10, OffsetDateTime.ofInstant(o.createdAt(), ZoneOffset.UTC));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failed("insert an object", e);
    }
  }

  Optional<Row> find(Connection c, UUID id) {
    List<Row> rows = select(c, "SELECT " + COLUMNS + " FROM objects WHERE id = ?"
        + " AND state = 'ACTIVE'", id);
    return rows.stream().findFirst();
  }

  /** Every ACTIVE row of the subject, oldest first. */
  List<Row> bySubject(Connection c, UUID subjectId) {
    return select(c, "SELECT " + COLUMNS + " FROM objects WHERE subject_id = ?"
        + " AND state = 'ACTIVE' ORDER BY created_at, id", subjectId);
  }

  /** Storage keys of every row of the subject, whatever its state. */
  List<String> storageKeys(Connection c, UUID subjectId) {
    return storageKeysWhere(c, "subject_id = ?", List.of(subjectId));
  }

  /** Storage keys of every row linked to one of the records, whatever its state. */
  List<String> storageKeysOfRecords(Connection c, Collection<UUID> recordIds) {
    List<String> keys = new ArrayList<>();
    for (List<UUID> chunk : IdLists.chunks(recordIds)) {
      keys.addAll(storageKeysWhere(c, "record_id IN " + IdLists.in(chunk.size()), chunk));
    }
    return keys;
  }

  private List<String> storageKeysWhere(Connection c, String where, List<UUID> ids) {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT storage_key FROM objects WHERE " + where)) {
      IdLists.bind(ps, 1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw failed("read objects' storage keys", e);
    }
    return keys;
  }

  /** Up to {@code limit} rows of the subject, any state, locked: id → storage key, by id. */
  Map<UUID, String> claimOfSubject(Connection c, UUID subjectId, int limit) {
    Map<UUID, String> claimed = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, storage_key FROM objects"
        + " WHERE subject_id = ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE")) {
      ps.setObject(1, subjectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.put(rs.getObject(1, UUID.class), rs.getString(2));
        }
      }
    } catch (SQLException e) {
      throw failed("claim a subject's objects", e);
    }
    return claimed;
  }

  /** Which of {@code keys} some row refers to. */
  Set<String> known(Connection c, List<String> keys) {
    Set<String> known = new HashSet<>();
    if (keys.isEmpty()) {
      return known;
    }
    String sql = "SELECT storage_key FROM objects WHERE storage_key IN ("
        + "?,".repeat(keys.size() - 1) + "?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < keys.size(); i++) {
        ps.setString(i + 1, keys.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          known.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw failed("look up bucket keys", e);
    }
    return known;
  }

  void deleteIds(Connection c, Collection<UUID> ids) {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM objects WHERE id = ?")) {
      for (UUID id : ids) {
        ps.setObject(1, id);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw failed("delete objects", e);
    }
  }

  /** Every row linked to one of the records, whatever its state; returns how many. */
  int deleteOfRecords(Connection c, Collection<UUID> recordIds) {
    int deleted = 0;
    for (List<UUID> chunk : IdLists.chunks(recordIds)) {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM objects WHERE record_id IN " + IdLists.in(chunk.size()))) {
        IdLists.bind(ps, 1, chunk);
        deleted += ps.executeUpdate();
      } catch (SQLException e) {
        throw failed("delete objects", e);
      }
    }
    return deleted;
  }

  int delete(Connection c, String where, UUID id) {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM objects WHERE " + where)) {
      ps.setObject(1, id);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw failed("delete objects", e);
    }
  }

  private List<Row> select(Connection c, String sql, UUID id) {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(row(rs));
        }
      }
    } catch (SQLException e) {
      throw failed("read objects", e);
    }
    return rows;
  }

  private static Row row(ResultSet rs) throws SQLException {
    StoredObject o = new StoredObject(rs.getObject("id", UUID.class),
        rs.getObject("subject_id", UUID.class),
        Optional.ofNullable(rs.getObject("record_id", UUID.class)),
        Category.fromYamlName(rs.getString("category")).orElseThrow(
            () -> new StorageException(StorageErrorCode.DATABASE, "unknown object category")),
        rs.getString("content_type"), rs.getLong("size"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
    return new Row(o, rs.getString("storage_key"), rs.getInt("format"),
        rs.getBytes("wrapped_key"));
  }

  static StorageException failed(String operation, SQLException e) {
    return new StorageException(StorageErrorCode.DATABASE,
        "database error while trying to " + operation + " (SQLState " + e.getSQLState() + ")", e);
  }
}
