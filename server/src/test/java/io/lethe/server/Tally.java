package io.lethe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What a fault test counts before and after: rows of a table, events in the audit outbox. */
final class Tally {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Tally() {}

  /** The single number a {@code SELECT count(*) ...} returns. */
  static long count(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every event in the outbox, as its ECS document. */
  static List<JsonNode> outbox(DataSource db) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT document FROM audit_outbox ORDER BY seq")) {
      while (rs.next()) {
        events.add(JSON.readTree(rs.getString(1)));
      }
    }
    return events;
  }

  /** Outbox events with this action and ECS outcome ({@code success}, {@code failure}). */
  static List<JsonNode> events(DataSource db, String action, String outcome) throws Exception {
    return outbox(db).stream()
        .filter(e -> e.path("event").path("action").asText().equals(action))
        .filter(e -> e.path("event").path("outcome").asText().equals(outcome))
        .toList();
  }
}
