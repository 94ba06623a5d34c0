package io.lethe.storage;

import io.lethe.storage.keys.WrappedKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code subjects} queries of the key rewrap. Portable SQL: {@code FETCH FIRST ... FOR UPDATE
 * SKIP LOCKED} parses and skips locked rows on PostgreSQL 15 and H2 2.5. One difference, measured:
 * PostgreSQL locks only the rows it returns, H2 locks every row the filter matches until the
 * batch commits, so on H2 a second concurrent run finds nothing to claim. Correct either way; H2
 * is the single-node default, where one run at a time is the norm. Erased subjects have no key
 * and a NULL version, so the version filter never claims them.
 */
final class RewrapStore {

  record Row(UUID id, WrappedKey key) {}

  private static final String CLAIM = "SELECT id, wrapped_key, kek_id, kek_version FROM subjects"
      + " WHERE kek_id = ? AND kek_version < ? %s ORDER BY id FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";

  List<Row> claim(Connection c, String kekId, int targetVersion, UUID after, int limit) {
    String sql = String.format(CLAIM, after == null ? "" : "AND id > ?");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, kekId);
      ps.setInt(i++, targetVersion);
      if (after != null) {
        ps.setObject(i++, after);
      }
      ps.setInt(i, limit);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getObject("id", UUID.class), new WrappedKey(rs.getString("kek_id"),
              rs.getInt("kek_version"), rs.getString("wrapped_key"))));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw Jdbc.failed("claim subject keys to rewrap", e);
    }
  }

  long countBelow(Connection c, String kekId, int version) {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM subjects WHERE kek_id = ? AND kek_version < ?")) {
      ps.setString(1, kekId);
      ps.setInt(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw Jdbc.failed("count subject keys below a KEK version", e);
    }
  }

  /** Compare-and-set on the old ciphertext, so a concurrent change is never overwritten. */
  boolean update(Connection c, Row row, WrappedKey rewrapped) {
    String sql = "UPDATE subjects SET wrapped_key = ?, kek_id = ?, kek_version = ?"
        + " WHERE id = ? AND wrapped_key = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, rewrapped.ciphertext());
      ps.setString(2, rewrapped.kekId());
      ps.setInt(3, rewrapped.kekVersion());
      ps.setObject(4, row.id());
      ps.setString(5, row.key().ciphertext());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Jdbc.failed("store a rewrapped subject key", e);
    }
  }
}
