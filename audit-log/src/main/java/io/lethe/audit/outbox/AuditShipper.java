package io.lethe.audit.outbox;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditException;
import io.lethe.audit.AuditIndex;
import io.lethe.audit.chain.CheckpointSigner;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the outbox to the index in chain order and deletes only those the index
 * confirmed (ADR 0016). Each batch is one transaction that holds the chain head's row lock: read
 * the next rows in outbox order, link them in memory, send them, then delete the confirmed ones
 * and move the head past them in one statement each. The lock makes one shipper active at a time
 * across servers; the event id as document id makes a resend harmless.
 *
 * <p>While the index works on a batch, the next one is read and linked, so the database and the
 * index work at the same time.
 *
 * <p>Thread safety: safe for concurrent use; batches of one instance run one at a time.
 */
public final class AuditShipper {

  private static final Logger log = LoggerFactory.getLogger(AuditShipper.class);
  // Batches read ahead past the previous one before a read from the start of the outbox: an
  // access that committed after its later neighbours waits at most this many batches.
  private static final int READ_AHEAD_RUN = 8;

  private final DataSource dataSource;
  private final AuditIndex index;
  private final int batchSize;
  private final OutboxChainer chainer;
  private final OutboxStats stats;
  private final ExecutorService sender;
  private boolean storedLinksLeft = true;

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
    // One thread at most, gone when idle: requests reach the index in the order they were made.
    this.sender = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "audit-shipper-send");
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Ships one batch.
   *
   * @return how many events the index confirmed (0 when the outbox is empty)
   * @throws AuditException if the index or the database is unavailable; nothing is lost
   */
  public int shipBatch() {
    return ship(1);
  }

  /** Ships until the outbox is empty or a batch fails; returns the number shipped. */
  public int drain() {
    return ship(Integer.MAX_VALUE);
  }

  /**
   * Ships up to {@code maxBatches} batches, stopping early when the outbox is empty or the index
   * confirmed none of a batch; returns the number shipped.
   */
  public synchronized int ship(int maxBatches) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      int total = 0;
      ShippingBatch next = null;
      for (int n = 0; n < maxBatches; n++) {
        CompletableFuture<Set<String>> sent = null;
        try {
          OutboxChainer.Head head = chainer.lockHead(c);
          ShippingBatch current = next != null && next.follows(head) ? next : read(c, head, 0, 0);
          next = null;
          if (current.isEmpty()) {
            c.commit();
            return total;
          }
          sent = CompletableFuture.supplyAsync(() -> index.index(current.documents()), sender);
          if (n + 1 < maxBatches && current.readsAhead(READ_AHEAD_RUN)) {
            next = read(c, current.end(), current.lastOutboxSeq(), current.run() + 1);
          }
          int shipped = finish(c, current, await(sent));
          c.commit();
          total += shipped;
          if (shipped == 0) {
            return total;
          }
          if (shipped < current.size()) {
            next = null;
          }
        } catch (RuntimeException | SQLException e) {
          settle(sent);
          c.rollback();
          throw e;
        }
      }
      return total;
    } catch (SQLException e) {
      throw new AuditException(AuditErrorCode.OUTBOX_UNAVAILABLE, "The outbox could not be read", e);
    }
  }

  /** Events waiting in the outbox. */
  public long backlog() {
    return stats.backlog();
  }

  private ShippingBatch read(Connection c, OutboxChainer.Head head, long afterSeq, int run)
      throws SQLException {
    if (storedLinksLeft) {
      var stored = OutboxRows.withStoredLinks(c, batchSize);
      if (!stored.isEmpty()) {
        return ShippingBatch.storedLinks(head, stored);
      }
      storedLinksLeft = false;
    }
    OutboxRows.Waiting waiting = OutboxRows.waiting(c, afterSeq, batchSize);
    // Another server of an earlier release may still chain rows the old way: ship those too.
    storedLinksLeft = waiting.storedLinksSeen();
    if (waiting.rows().isEmpty() && storedLinksLeft) {
      return read(c, head, afterSeq, run);
    }
    return ShippingBatch.linked(head, waiting.rows(), run);
  }

  /** Deletes what the index confirmed and moves the head; returns the number shipped. */
  private int finish(Connection c, ShippingBatch batch, Set<String> confirmed)
      throws SQLException {
    ShippingBatch.Done done = batch.done(confirmed);
    OutboxRows.delete(c, done.rows());
    if (done.newHead() != null) {
      chainer.moveHead(c, done.newHead());
    }
    if (done.rows().size() < batch.size()) {
      log.warn("The audit index confirmed {} of {} events in chain order; the rest stay in the "
          + "outbox", done.rows().size(), batch.size());
    }
    return done.rows().size();
  }

  private static Set<String> await(CompletableFuture<Set<String>> sent) {
    try {
      return sent.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * Waits for a request still on its way before the head lock is released: a resend by another
   * shipper must never be overtaken by it.
   */
  private static void settle(CompletableFuture<Set<String>> sent) {
    if (sent != null) {
      sent.handle((r, e) -> null).join();
    }
  }
}
