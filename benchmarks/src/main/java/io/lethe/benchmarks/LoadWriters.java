package io.lethe.benchmarks;

import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.audit.outbox.OutboxGroupCommit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads that perform record reads as the server does: read one record row in its own short
 * transaction, commit, then commit its {@code record.read} event through the group commit
 * ({@link OutboxGroupCommit}: concurrent accesses share one outbox transaction) before the access
 * counts as done. At full speed or paced to a total rate; optionally alternating with the same
 * read without the event, so the difference of the two latencies is what audit adds to an
 * access. With {@code groupCommit} off, each access is the earlier path instead, kept for
 * comparison in one run: the read and {@link AuditOutbox#append} in one transaction, one commit
 * per access.
 */
final class LoadWriters implements AutoCloseable {

  private static final String READ =
      "SELECT subject_id, record_type, ciphertext FROM load_records WHERE id = ?";

  private final LoadDatabase db;
  /** As the server's group commit (AuditConfiguration.GROUP_COMMIT_MAX_BATCH). */
  private static final int GROUP_COMMIT_MAX_BATCH = 500;

  private final OutboxGroupCommit groupCommit;
  private final AuditOutbox outbox = new AuditOutbox();
  private final boolean grouped;
  private final double ratePerSecond;
  private final boolean alternate;
  private final List<Thread> threads = new ArrayList<>();
  private final LongAdder appended = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LoadLatencies audited = new LoadLatencies();
  private final LoadLatencies plain = new LoadLatencies();
  private volatile boolean running = true;

  /**
   * @param ratePerSecond total audited accesses per second over all threads; 0 for full speed
   * @param alternate also run the read without audit, every other access
   * @param grouped events through the group commit (the server's path); else appended inline
   */
  LoadWriters(LoadDatabase db, int threads, double ratePerSecond, boolean alternate,
      boolean grouped) {
    this.grouped = grouped;
    this.db = db;
    this.groupCommit = new OutboxGroupCommit(db.dataSource(), new AuditOutbox(),
        GROUP_COMMIT_MAX_BATCH);
    this.ratePerSecond = ratePerSecond;
    this.alternate = alternate;
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> run(threads), "load-writer-" + i);
      t.setDaemon(true);
      this.threads.add(t);
    }
    this.threads.forEach(Thread::start);
  }

  long appended() {
    return appended.sum();
  }

  long errors() {
    return errors.sum();
  }

  LoadLatencies audited() {
    return audited;
  }

  LoadLatencies plain() {
    return plain;
  }

  private void run(int threadCount) {
    // Paced threads keep a fixed schedule rather than sleeping a fixed gap, so a slow access is
    // followed by catch-up accesses and the offered rate stays the one asked for.
    long interval = ratePerSecond > 0 ? (long) (threadCount * 1e9 / ratePerSecond) : 0;
    long next = System.nanoTime();
    boolean withAudit = true;
    while (running) {
      if (interval > 0) {
        next += interval;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      try {
        access(withAudit);
      } catch (SQLException | RuntimeException e) {
        errors.increment();
      }
      withAudit = !alternate || !withAudit;
    }
  }

  private void access(boolean withAudit) throws SQLException {
    LoadDatabase.StoredRecord record = db.anyRecord();
    long start = System.nanoTime();
    UUID subject;
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement read = c.prepareStatement(READ)) {
        read.setString(1, record.id().toString());
        try (ResultSet rs = read.executeQuery()) {
          if (!rs.next()) {
            throw new SQLException("a load record is missing");
          }
          subject = UUID.fromString(rs.getString(1));
          rs.getBytes(3);
        }
      }
      if (withAudit && !grouped) {
        outbox.append(c, LoadEvents.recordRead(subject, record.id()));
      }
      c.commit();
    }
    if (withAudit && grouped) {
      // The data would leave only now, once the event is committed.
      groupCommit.append(LoadEvents.recordRead(subject, record.id()));
    }
    long nanos = System.nanoTime() - start;
    if (withAudit) {
      appended.increment();
      audited.add(nanos);
    } else {
      plain.add(nanos);
    }
  }

  /** Stops every thread and waits for its last access to finish. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join();
    }
  }
}
