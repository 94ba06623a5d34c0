package io.lethe.storage;

import io.lethe.storage.keys.WrappedKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code index_keys} table: blind index root keys, wrapped by the KEK. */
final class IndexKeyStore {

  // SQLSTATE of a unique constraint violation, on PostgreSQL and H2 alike.
  private static final String UNIQUE_VIOLATION = "23505";

  /** One index key version. */
  record IndexKeyRow(int version, WrappedKey key, int digestBytes) {}

  /** ACTIVE versions, newest first. */
  List<IndexKeyRow> active(Connection c) {
    String sql = "SELECT version, wrapped_key, kek_id, kek_version, digest_bytes FROM index_keys"
        + " WHERE state = 'ACTIVE' ORDER BY version DESC";
    List<IndexKeyRow> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new IndexKeyRow(rs.getInt("version"), new WrappedKey(rs.getString("kek_id"),
            rs.getInt("kek_version"), rs.getString("wrapped_key")), rs.getInt("digest_bytes")));
      }
      return out;
    } catch (SQLException e) {
      throw Jdbc.failed("read the blind index keys", e);
    }
  }

  /** The highest version ever created, retired ones included; 0 if none. */
  int maxVersion(Connection c) {
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM index_keys");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw Jdbc.failed("read the blind index key versions", e);
    }
  }

  /**
   * Inserts a new ACTIVE version unless that version exists already, and says whether it did.
   * Two nodes adding the same version at once collide on the primary key; the statement runs
   * under a savepoint, so the loser's transaction stays usable (PostgreSQL would otherwise abort
   * all of it) and it can read the winner's row once that commits.
   */
  boolean insertIfAbsent(Connection c, IndexKeyRow row, Instant now) {
    String sql = "INSERT INTO index_keys (version, wrapped_key, kek_id, kek_version, digest_bytes,"
        + " state, created_at) VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?)";
    Savepoint savepoint = null;
    try {
      savepoint = c.getAutoCommit() ? null : c.setSavepoint();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setInt(1, row.version());
        ps.setString(2, row.key().ciphertext());
        ps.setString(3, row.key().kekId());
        ps.setInt(4, row.key().kekVersion());
        ps.setInt(5, row.digestBytes());
        Jdbc.setInstant(ps, 6, now);
        ps.executeUpdate();
      }
      if (savepoint != null) {
        c.releaseSavepoint(savepoint);
      }
      return true;
    } catch (SQLException e) {
      if (savepoint != null) {
        rollBackTo(c, savepoint, e);
      }
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw Jdbc.failed("insert a blind index key", e);
    }
  }

  private static void rollBackTo(Connection c, Savepoint savepoint, SQLException cause) {
    try {
      c.rollback(savepoint);
    } catch (SQLException e) {
      cause.addSuppressed(e);
      throw Jdbc.failed("insert a blind index key", cause);
    }
  }
}
