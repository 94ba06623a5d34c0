package io.lethe.audit.outbox;

import io.lethe.audit.chain.ChainLink;
import io.lethe.audit.chain.CheckpointSigner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Links events into the hash chain at shipping time (ADR 0016). The chain exists in one row, the
 * head: the shipper locks it, computes the links of a batch in memory from it, and moves it past
 * the events the index confirmed, in the transaction that deletes them. Outbox rows are never
 * rewritten.
 */
final class OutboxChainer {

  /** The last link of the chain: sequence 0 and 32 zero bytes before the first event. */
  record Head(long seq, String hash) {

    /** The links that follow this head for {@code rows}, in order. */
    List<ChainLink> links(List<OutboxRow> rows) {
      List<ChainLink> links = new ArrayList<>(rows.size());
      long next = seq;
      String prev = hash;
      for (OutboxRow row : rows) {
        // The outbox holds the canonical form (AuditOutbox writes EcsDocument's), so it is
        // hashed as stored: parsing it back to canonicalise it again was a fifth of the CPU.
        ChainLink link = ChainLink.next(++next, prev, row.document());
        links.add(link);
        prev = link.hash();
      }
      return links;
    }

    static Head of(ChainLink link) {
      return new Head(link.seq(), link.hash());
    }
  }

  private final CheckpointSigner signer;
  private final Clock clock;

  OutboxChainer(CheckpointSigner signer, Clock clock) {
    this.signer = signer;
    this.clock = clock;
  }

  /** Locks the head row until the caller's transaction ends: one shipper chains at a time. */
  Head lockHead(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
            "SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("audit_chain_head has no row: the audit migrations did not run");
      }
      return new Head(rs.getLong("seq"), rs.getString("hash"));
    }
  }

  /** Moves the head to {@code last} and signs it as a checkpoint, in the caller's transaction. */
  void moveHead(Connection c, ChainLink last) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1")) {
      s.setLong(1, last.seq());
      s.setString(2, last.hash());
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_checkpoints "
        + "(seq, hash, created_at, key_id, signature) VALUES (?, ?, ?, ?, ?)")) {
      s.setLong(1, last.seq());
      s.setString(2, last.hash());
      s.setTimestamp(3, Timestamp.from(clock.instant()));
      s.setString(4, signer.keyId());
      s.setString(5, signer.sign(CheckpointSigner.message(last.seq(), last.hash())));
      s.executeUpdate();
    }
  }
}
