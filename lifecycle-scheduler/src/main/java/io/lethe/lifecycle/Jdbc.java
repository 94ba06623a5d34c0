package io.lethe.lifecycle;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * JDBC helpers shared by this module's stores. Instants travel as UTC {@link OffsetDateTime},
 * the one type both the PostgreSQL and the H2 driver map to {@code TIMESTAMP WITH TIME ZONE}.
 * Internal to lifecycle-scheduler; public only because its packages share it.
 */
public final class Jdbc {

  private Jdbc() {}

  public static void setInstant(PreparedStatement ps, int index, Instant value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  public static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
  }

  /** Names the operation and the SQLState; the driver's message can quote values, so it stays in the cause. */
  public static LifecycleException failed(String operation, SQLException e) {
    return new LifecycleException(LifecycleErrorCode.DATABASE, "database error while trying to "
        + operation + " (SQLState " + e.getSQLState() + ")", e);
  }
}
