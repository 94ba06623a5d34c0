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
import javax.sql.DataSource;

/** The stored start of the retained chain (one row, absent until the first drop). */
public final class ChainFloorStore {

  private final DataSource dataSource;

  public ChainFloorStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public ChainFloor current() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT seq, prev FROM audit_chain_floor WHERE id = 1");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? new ChainFloor(rs.getLong("seq"), rs.getString("prev")) : ChainFloor.START;
    } catch (SQLException e) {
      throw new AuditException(AuditErrorCode.OUTBOX_UNAVAILABLE, "The chain floor could not be read", e);
    }
  }

  void save(Connection c, ChainFloor floor, Instant at) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM audit_chain_floor WHERE id = 1");
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO audit_chain_floor (id, seq, prev, dropped_at) VALUES (1, ?, ?, ?)")) {
      delete.executeUpdate();
      insert.setLong(1, floor.seq());
      insert.setString(2, floor.prev());
      insert.setTimestamp(3, Timestamp.from(at));
      insert.executeUpdate();
    }
  }
}
