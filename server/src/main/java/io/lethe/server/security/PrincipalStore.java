package io.lethe.server.security;

import io.lethe.server.db.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Principals and their API key digests in Lethe's database. */
@Component
public class PrincipalStore {

  /** A principal with the digest its key must match. */
  record Credentials(Principal principal, String keyDigest) {}

  private final DataSource dataSource;

  PrincipalStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Creates a principal and returns its API key, which is not stored and cannot be shown again.
   * {@code permissions} are extra to those its roles grant, which are resolved as configured at
   * each authorization ({@link RoleCatalog}); a principal with exactly some permissions has no
   * role.
   */
  public ApiKey create(String name, List<String> roles, List<String> permissions) {
    return create(name, roles, permissions, ApiKey.generate());
  }

  /** Creates a principal holding a key chosen elsewhere (the configured bootstrap key). */
  ApiKey create(String name, List<String> roles, List<String> permissions, ApiKey key) {
    Principal p = new Principal(UUID.randomUUID(), name, roles, permissions, Instant.now());
    try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
        "INSERT INTO principals (id, name, key_id, key_digest, roles, permissions, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, p.id().toString());
      insert.setString(2, p.name());
      insert.setString(3, key.keyId());
      insert.setString(4, key.digest());
      insert.setString(5, String.join(",", p.roles()));
      insert.setString(6, String.join("\n", p.permissions()));
      insert.setTimestamp(7, Timestamp.from(p.createdAt()));
      insert.executeUpdate();
      return key;
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  Optional<Credentials> findActive(String keyId) {
    try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
        "SELECT id, name, key_digest, roles, permissions, created_at FROM principals "
            + "WHERE key_id = ? AND revoked_at IS NULL")) {
      select.setString(1, keyId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Principal p = new Principal(UUID.fromString(rs.getString("id")), rs.getString("name"),
            split(rs.getString("roles"), ","), split(rs.getString("permissions"), "\n"),
            rs.getTimestamp("created_at").toInstant());
        return Optional.of(new Credentials(p, rs.getString("key_digest")));
      }
    } catch (SQLException e) {
      // Not an unknown key: the caller must hear 503 and retry, not 401 and drop its key.
      throw new DatabaseUnavailableException(e);
    }
  }

  /** A principal as listed: no key, only whether it was revoked. */
  public record Listed(UUID id, String name, List<String> roles, List<String> permissions,
      Instant createdAt, Instant revokedAt) {}

  /** The principal's id, from its key. */
  public UUID idOf(ApiKey key) {
    return findActive(key.keyId()).orElseThrow().principal().id();
  }

  public List<Listed> list() {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT id, name, roles, permissions, created_at, revoked_at FROM principals ORDER BY name");
        ResultSet rs = s.executeQuery()) {
      List<Listed> out = new java.util.ArrayList<>();
      while (rs.next()) {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        out.add(new Listed(UUID.fromString(rs.getString("id")), rs.getString("name"),
            split(rs.getString("roles"), ","), split(rs.getString("permissions"), "\n"),
            rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant()));
      }
      return out;
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  /** Revokes a principal's key at once; false if no active principal has this id. */
  public boolean revoke(UUID id) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
        "UPDATE principals SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      s.setTimestamp(1, Timestamp.from(Instant.now()));
      s.setString(2, id.toString());
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  public boolean exists(String name) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT 1 FROM principals WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  public long count() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM principals");
        ResultSet rs = count.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  private static List<String> split(String joined, String separator) {
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(separator));
  }
}
