package io.lethe.benchmarks;

import io.lethe.audit.outbox.AuditOutbox;
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
 * Threads that perform record reads, each in its own short transaction: read one record row,
 * append its {@code record.read} event to the outbox, commit, as the server does. At full speed
 * or paced to a total rate; optionally alternating with the same read without the append, so
 * the difference of the two latencies is what the audit write adds.
 */
final class LoadWriters implements AutoCloseable {

  private static final String READ =
      "SELECT subject_id, record_type, ciphertext FROM load_records WHERE id = ?";

  private final LoadDatabase db;
  private final AuditOutbox outbox = new AuditOutbox();
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
   */
  LoadWriters(LoadDatabase db, int threads, double ratePerSecond, boolean alternate) {
    this.db = db;
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
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement read = c.prepareStatement(READ)) {
        read.setString(1, record.id().toString());
        try (ResultSet rs = read.executeQuery()) {
          if (!rs.next()) {
            throw new SQLException("a load record is missing");
          }
          UUID subject = UUID.fromString(rs.getString(1));
          rs.getBytes(3);
          if (withAudit) {
            outbox.append(c, LoadEvents.recordRead(subject, record.id()));
          }
        }
      }
      c.commit();
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
