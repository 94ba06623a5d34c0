package io.lethe.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The JDBC conversions both PostgreSQL's and H2's drivers accept: UUIDs as objects, timestamps as
 * UTC {@link OffsetDateTime} ({@code Instant} is not supported by the PostgreSQL driver).
 */
final class Jdbc {

  private Jdbc() {}

  static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    ps.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  static Instant getInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /**
   * SQL errors keep their cause for operators. Plaintext never reaches a statement, so a driver
   * message can at most quote identifiers and ciphertext.
   */
  static StorageException failed(String operation, SQLException e) {
    return new StorageException(StorageErrorCode.DATABASE,
        "database error while trying to " + operation + " (SQLState " + e.getSQLState() + ")", e);
  }
}
