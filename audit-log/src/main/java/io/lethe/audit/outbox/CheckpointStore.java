package io.lethe.audit.outbox;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditException;
import io.lethe.audit.chain.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the signed checkpoints that the shipper wrote next to the outbox. */
public final class CheckpointStore {

  private final DataSource dataSource;

  public CheckpointStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public List<Checkpoint> all() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT seq, hash, created_at, key_id, signature "
            + "FROM audit_checkpoints ORDER BY seq");
        ResultSet rs = s.executeQuery()) {
      List<Checkpoint> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new Checkpoint(rs.getLong("seq"), rs.getString("hash"),
            rs.getTimestamp("created_at").toInstant(), rs.getString("key_id"),
            rs.getString("signature")));
      }
      return out;
    } catch (SQLException e) {
      throw new AuditException(AuditErrorCode.OUTBOX_UNAVAILABLE, "Checkpoints could not be read", e);
    }
  }
}
