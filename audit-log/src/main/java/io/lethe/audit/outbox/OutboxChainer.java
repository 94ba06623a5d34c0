package io.lethe.audit.outbox;

import io.lethe.audit.chain.CanonicalJson;
import io.lethe.audit.chain.ChainLink;
import io.lethe.audit.chain.CheckpointSigner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Gives outbox events their place in the hash chain and signs the new head. Runs under a lock on
 * the single head row, so any number of servers build one chain.
 */
final class OutboxChainer {

  private final CheckpointSigner signer;
  private final Clock clock;

  OutboxChainer(CheckpointSigner signer, Clock clock) {
    this.signer = signer;
    this.clock = clock;
  }

  /** Chains up to {@code limit} waiting events in the caller's transaction; returns how many. */
  int chain(Connection c, int limit) throws SQLException {
    ChainLink head = lockHead(c);
    int chained = 0;
    try (PreparedStatement select = c.prepareStatement("SELECT seq, document FROM audit_outbox "
            + "WHERE chain_seq IS NULL ORDER BY seq FETCH FIRST ? ROWS ONLY");
        PreparedStatement update = c.prepareStatement("UPDATE audit_outbox "
            + "SET chain_seq = ?, chain_prev = ?, chain_hash = ? WHERE seq = ?")) {
      select.setInt(1, limit);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          long nextSeq = head == null ? 1 : head.seq() + 1;
          String prev = head == null ? ChainLink.GENESIS : head.hash();
          head = ChainLink.next(nextSeq, prev, CanonicalJson.of(rs.getString("document")));
          update.setLong(1, head.seq());
          update.setString(2, head.prev());
          update.setString(3, head.hash());
          update.setLong(4, rs.getLong("seq"));
          update.addBatch();
          chained++;
        }
      }
      if (chained > 0) {
        update.executeBatch();
        moveHead(c, head);
      }
    }
    return chained;
  }

  private static ChainLink lockHead(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
            "SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("audit_chain_head has no row: the audit migrations did not run");
      }
      long seq = rs.getLong("seq");
      return seq == 0 ? null : new ChainLink(seq, ChainLink.GENESIS, rs.getString("hash"));
    }
  }

  private void moveHead(Connection c, ChainLink head) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1")) {
      s.setLong(1, head.seq());
      s.setString(2, head.hash());
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_checkpoints "
        + "(seq, hash, created_at, key_id, signature) VALUES (?, ?, ?, ?, ?)")) {
      s.setLong(1, head.seq());
      s.setString(2, head.hash());
      s.setTimestamp(3, Timestamp.from(clock.instant()));
      s.setString(4, signer.keyId());
      s.setString(5, signer.sign(CheckpointSigner.message(head.seq(), head.hash())));
      s.executeUpdate();
    }
  }
}
