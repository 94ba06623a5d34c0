package io.lethe.server.objects;

import io.lethe.server.db.Transactions;
import io.lethe.storage.objects.ObjectStore;
import io.lethe.storage.objects.OrphanSweep;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes bucket objects that no row refers to, on a fixed delay. They are left by uploads whose
 * transaction rolled back after the bytes reached the bucket, or whose bucket failed mid-upload
 * and could not take the delete either. Only objects older than the minimum age are considered,
 * so an upload whose row is not committed yet is never taken for an orphan.
 */
public final class OrphanSweeps implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OrphanSweeps.class);

  private final ObjectStore objects;
  private final Transactions transactions;
  private final Duration minAge;
  private final ScheduledExecutorService executor;
  private final AtomicLong deleted = new AtomicLong();
  private final AtomicLong sweeps = new AtomicLong();

  public OrphanSweeps(ObjectStore objects, Transactions transactions, Duration interval,
      Duration minAge) {
    this.objects = objects;
    this.transactions = transactions;
    this.minAge = minAge;
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("lethe.objects.orphan-sweep-interval must be positive");
    }
    if (minAge.isNegative()) {
      throw new IllegalArgumentException("lethe.objects.orphan-min-age must not be negative");
    }
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "orphan-sweep");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Orphans removed since start. */
  public long deleted() {
    return deleted.get();
  }

  /** Sweeps that completed since start. */
  public long sweeps() {
    return sweeps.get();
  }

  private void sweepQuietly() {
    try {
      OrphanSweep done = transactions.inTransaction(c -> objects.sweepOrphans(c, minAge));
      deleted.addAndGet(done.deleted());
      sweeps.incrementAndGet();
      if (done.deleted() > 0) {
        log.info("Orphan sweep removed {} of {} bucket objects older than {}", done.deleted(),
            done.scanned(), minAge);
      }
    } catch (RuntimeException e) {
      // Catch everything: an exception escaping a scheduled task cancels all later runs. The
      // bucket or the database is down; the next run tries again.
      log.warn("Orphan sweep failed ({}); it runs again later", e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
