package io.lethe.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts over anonymized records only. It reads the {@code anonymized_*} tables and nothing
 * else, so no statistic can touch a subject's data, encrypted or not. Stateless, thread-safe;
 * uses the caller's connection and never commits.
 */
public final class AnonymizedStatistics {

  /**
   * The number of anonymized records of {@code type} per generalized value of {@code field},
   * most frequent first (then by value); records whose copy dropped the field are not counted.
   */
  public Map<String, Long> countsByValue(Connection c, String type, String field) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(field, "field");
    String sql = "SELECT v.generalized_value, COUNT(*) AS n FROM anonymized_values v"
        + " JOIN anonymized_records r ON r.id = v.anonymized_record_id"
        + " WHERE r.type = ? AND v.field = ?"
        + " GROUP BY v.generalized_value ORDER BY n DESC, v.generalized_value";
    Map<String, Long> counts = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, type);
      ps.setString(2, field);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failed("count anonymized values", e);
    }
    return counts;
  }

  /** The number of anonymized records of {@code type}. */
  public long records(Connection c, String type) {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM anonymized_records WHERE type = ?")) {
      ps.setString(1, Objects.requireNonNull(type, "type"));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw Jdbc.failed("count anonymized records", e);
    }
  }
}
