package io.lethe.audit.outbox;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditException;
import io.lethe.audit.AuditIndex;
import io.lethe.audit.chain.CheckpointSigner;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the outbox to the index in chain order and deletes only those the index
 * confirmed. Each batch first links waiting events into the hash chain (ADR 0007). Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so two shippers on one
 * database never send the same batch; the event id as document id makes a retry harmless.
 *
 * <p>Thread safety: one {@link #shipBatch()} at a time per instance.
 */
public final class AuditShipper {

  private static final Logger log = LoggerFactory.getLogger(AuditShipper.class);
  private static final String CLAIM = "SELECT event_id, event_month, document, chain_seq, "
      + "chain_prev, chain_hash FROM audit_outbox WHERE chain_seq IS NOT NULL "
      + "ORDER BY chain_seq FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;
  private final AuditIndex index;
  private final int batchSize;
  private final OutboxChainer chainer;
  private final OutboxStats stats;

  public AuditShipper(DataSource dataSource, AuditIndex index, int batchSize,
      CheckpointSigner signer) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive");
    }
    this.dataSource = dataSource;
    this.index = index;
    this.batchSize = batchSize;
    this.chainer = new OutboxChainer(signer, Clock.systemUTC());
    this.stats = new OutboxStats(dataSource);
  }

  /**
   * Ships one batch.
   *
   * @return how many events the index confirmed (0 when the outbox is empty)
   * @throws AuditException if the index or the database is unavailable; nothing is lost
   */
  public synchronized int shipBatch() {
    chainWaitingEvents();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<AuditIndex.Document> batch = claim(c);
        if (batch.isEmpty()) {
          c.commit();
          return 0;
        }
        Set<String> confirmed = index.index(batch);
        delete(c, confirmed);
        c.commit();
        if (confirmed.size() < batch.size()) {
          log.warn("The audit index confirmed {} of {} events; the rest stay in the outbox",
              confirmed.size(), batch.size());
        }
        return confirmed.size();
      } catch (RuntimeException | SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new AuditException(AuditErrorCode.OUTBOX_UNAVAILABLE, "The outbox could not be read", e);
    }
  }

  private void chainWaitingEvents() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        chainer.chain(c, batchSize);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new AuditException(AuditErrorCode.OUTBOX_UNAVAILABLE, "The outbox could not be chained", e);
    }
  }

  /** Ships until the outbox is empty or a batch fails; returns the number shipped. */
  public int drain() {
    int total = 0;
    for (int shipped = shipBatch(); shipped > 0; shipped = shipBatch()) {
      total += shipped;
    }
    return total;
  }

  /** Events waiting in the outbox. */
  public long backlog() {
    return stats.backlog();
  }

  private List<AuditIndex.Document> claim(Connection c) throws SQLException {
    List<AuditIndex.Document> batch = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(CLAIM)) {
      select.setInt(1, batchSize);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          batch.add(new AuditIndex.Document(rs.getString("event_id"), rs.getString("event_month"),
              withChain(rs)));
        }
      }
    }
    return batch;
  }

  /** The document as indexed: the outbox form plus its {@code lethe.chain} link. */
  private static String withChain(ResultSet rs) throws SQLException {
    try {
      ObjectNode doc = (ObjectNode) JSON.readTree(rs.getString("document"));
      ObjectNode chain = ((ObjectNode) doc.path("lethe")).putObject("chain");
      chain.put("seq", rs.getLong("chain_seq"));
      chain.put("prev", rs.getString("chain_prev"));
      chain.put("hash", rs.getString("chain_hash"));
      return doc.toString();
    } catch (JsonProcessingException e) {
      throw new SQLException("An outbox document is not JSON", e);
    }
  }

  private static void delete(Connection c, Set<String> eventIds) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM audit_outbox WHERE event_id = ?")) {
      for (String id : eventIds) {
        delete.setString(1, id);
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }
}
