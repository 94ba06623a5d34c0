package io.lethe.audit.outbox;

import io.lethe.audit.chain.ChainLink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The shipper's statements on {@code audit_outbox}: read waiting rows, delete shipped ones. */
final class OutboxRows {

  // Outbox order on the primary key: a range scan that stops after the batch, on PostgreSQL and
  // H2 alike. No condition on chain_seq here: H2 answers "chain_seq IS NULL" from that column's
  // index, which reads and sorts the whole backlog for every batch.
  private static final String WAITING = "SELECT seq, event_id, event_month, document, chain_seq "
      + "FROM audit_outbox WHERE seq > ? ORDER BY seq FETCH FIRST ? ROWS ONLY";
  // Rows an earlier release chained before a restart: they ship with the link they were given.
  private static final String STORED = "SELECT seq, event_id, event_month, document, chain_seq, "
      + "chain_prev, chain_hash FROM audit_outbox WHERE chain_seq IS NOT NULL "
      + "ORDER BY chain_seq FETCH FIRST ? ROWS ONLY";
  // Bounded so that one statement stays far under every driver's parameter limit.
  private static final int DELETE_CHUNK = 1000;

  private OutboxRows() {}

  /** Rows in outbox order after some sequence, and whether rows with stored links were seen. */
  record Waiting(List<OutboxRow> rows, boolean storedLinksSeen) {}

  /**
   * Up to {@code limit} rows without a stored link, in outbox order after {@code afterSeq} (0:
   * from the start). Rows with a stored link are left for {@link #withStoredLinks}.
   */
  static Waiting waiting(Connection c, long afterSeq, int limit) throws SQLException {
    List<OutboxRow> rows = new ArrayList<>(limit);
    boolean stored = false;
    try (PreparedStatement s = c.prepareStatement(WAITING)) {
      s.setLong(1, afterSeq);
      s.setInt(2, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rs.getLong(5);
          if (!rs.wasNull()) {
            stored = true;
            continue;
          }
          rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
              null));
        }
      }
    }
    return new Waiting(rows, stored);
  }

  /** Up to {@code limit} rows that already carry a stored link, in chain order. */
  static List<OutboxRow> withStoredLinks(Connection c, int limit) throws SQLException {
    List<OutboxRow> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(STORED)) {
      s.setInt(1, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
              new ChainLink(rs.getLong(5), rs.getString(6), rs.getString(7))));
        }
      }
    }
    return rows;
  }

  /** Deletes {@code rows} with one statement per thousand rows. */
  static void delete(Connection c, List<OutboxRow> rows) throws SQLException {
    for (int from = 0; from < rows.size(); from += DELETE_CHUNK) {
      List<OutboxRow> chunk = rows.subList(from, Math.min(rows.size(), from + DELETE_CHUNK));
      String marks = "?,".repeat(chunk.size());
      try (PreparedStatement s = c.prepareStatement("DELETE FROM audit_outbox WHERE seq IN ("
          + marks.substring(0, marks.length() - 1) + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          s.setLong(i + 1, chunk.get(i).seq());
        }
        s.executeUpdate();
      }
    }
  }
}
