package io.lethe.audit.retention;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditException;
import io.lethe.audit.chain.ChainFloor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The stored start of the retained chain (one row, absent until the first drop) and the links of
 * the retained events below it.
 */
public final class ChainFloorStore {

  private final DataSource dataSource;

  public ChainFloorStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public ChainFloor current() {
    // One statement, so a drop committing meanwhile cannot pair one floor with another's links.
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT f.seq, f.prev, k.seq AS kept_seq, "
            + "k.hash AS kept_hash FROM audit_chain_floor f LEFT JOIN audit_chain_floor_kept k "
            + "ON k.floor_seq = f.seq WHERE f.id = 1 ORDER BY k.seq");
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        return ChainFloor.START;
      }
      long seq = rs.getLong("seq");
      String prev = rs.getString("prev");
      SortedMap<Long, String> kept = new TreeMap<>();
      do {
        String hash = rs.getString("kept_hash");
        if (hash != null) {
          kept.put(rs.getLong("kept_seq"), hash);
        }
      } while (rs.next());
      return new ChainFloor(seq, prev, kept);
    } catch (SQLException e) {
      throw new AuditException(AuditErrorCode.OUTBOX_UNAVAILABLE, "The chain floor could not be read", e);
    }
  }

  /**
   * False for a floor recorded before kept links were (audit migration V5): events below it were
   * never looked for, so an empty set of kept links proves nothing.
   */
  boolean recordsKeptLinks() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT kept_recorded FROM audit_chain_floor WHERE id = 1");
        ResultSet rs = s.executeQuery()) {
      return !rs.next() || rs.getBoolean("kept_recorded");
    } catch (SQLException e) {
      throw new AuditException(AuditErrorCode.OUTBOX_UNAVAILABLE, "The chain floor could not be read", e);
    }
  }

  void save(Connection c, ChainFloor floor, Instant at) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM audit_chain_floor WHERE id = 1");
        PreparedStatement deleteKept = c.prepareStatement("DELETE FROM audit_chain_floor_kept");
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO audit_chain_floor (id, seq, prev, dropped_at, kept_recorded) "
                + "VALUES (1, ?, ?, ?, TRUE)");
        PreparedStatement insertKept = c.prepareStatement(
            "INSERT INTO audit_chain_floor_kept (seq, hash, floor_seq) VALUES (?, ?, ?)")) {
      delete.executeUpdate();
      deleteKept.executeUpdate();
      insert.setLong(1, floor.seq());
      insert.setString(2, floor.prev());
      insert.setTimestamp(3, Timestamp.from(at));
      insert.executeUpdate();
      if (floor.keptBelow().isEmpty()) {
        return;
      }
      for (Map.Entry<Long, String> kept : floor.keptBelow().entrySet()) {
        insertKept.setLong(1, kept.getKey());
        insertKept.setString(2, kept.getValue());
        insertKept.setLong(3, floor.seq());
        insertKept.addBatch();
      }
      insertKept.executeBatch();
    }
  }
}
