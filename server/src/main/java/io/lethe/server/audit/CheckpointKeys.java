package io.lethe.server.audit;

import io.lethe.audit.chain.CheckpointSigner;
import io.lethe.audit.chain.HmacCheckpointSigner;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.keys.DataKey;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.WrappedKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The HMAC key that signs audit checkpoints: generated once through the KeyProvider and stored
 * only wrapped, so whoever can rewrite Elasticsearch still cannot sign a forged chain head.
 */
public final class CheckpointKeys {

  private static final String NAME = "audit-checkpoint";

  private CheckpointKeys() {}

  public static CheckpointSigner signer(DataSource dataSource, KeyProvider keys) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      WrappedKey wrapped = find(c).orElseGet(() -> create(c, keys));
      c.commit();
      try (SecretBytes key = keys.unwrap(wrapped)) {
        byte[] raw = key.revealCopy();
        try {
          return new HmacCheckpointSigner(NAME + ":" + wrapped.kekId(), raw);
        } finally {
          java.util.Arrays.fill(raw, (byte) 0);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The audit checkpoint key could not be loaded", e);
    }
  }

  private static Optional<WrappedKey> find(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT wrapped_key, kek_id, kek_version "
        + "FROM server_keys WHERE name = ? FOR UPDATE")) {
      s.setString(1, NAME);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(new WrappedKey(rs.getString("kek_id"),
            rs.getInt("kek_version"), rs.getString("wrapped_key"))) : Optional.empty();
      }
    }
  }

  private static WrappedKey create(Connection c, KeyProvider keys) {
    try (DataKey key = keys.generateDataKey();
        PreparedStatement s = c.prepareStatement("INSERT INTO server_keys "
            + "(name, wrapped_key, kek_id, kek_version, created_at) VALUES (?, ?, ?, ?, ?)")) {
      WrappedKey wrapped = key.wrapped();
      s.setString(1, NAME);
      s.setString(2, wrapped.ciphertext());
      s.setString(3, wrapped.kekId());
      s.setInt(4, wrapped.kekVersion());
      s.setTimestamp(5, Timestamp.from(Instant.now()));
      s.executeUpdate();
      return wrapped;
    } catch (SQLException e) {
      throw new IllegalStateException("The audit checkpoint key could not be stored", e);
    }
  }
}
