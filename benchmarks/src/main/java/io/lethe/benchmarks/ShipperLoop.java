package io.lethe.benchmarks;

import io.lethe.audit.AuditException;
import io.lethe.audit.outbox.AuditShipper;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One shipper on one thread, as the server runs it: ship batches while there are events (a few
 * at a time through {@link AuditShipper#ship}, which reads the next batch while the index works
 * on the current one, as {@code drain} does), wait the ship interval when the outbox is empty or
 * the index failed.
 */
final class ShipperLoop implements AutoCloseable {

  // Batches per call: enough for the read-ahead to run, few enough that close() returns soon.
  private static final int BATCHES_PER_CALL = 8;

  private final AuditShipper shipper;
  private final long idleMillis;
  private final AtomicLong confirmed = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  ShipperLoop(AuditShipper shipper, long idleMillis) {
    this.shipper = shipper;
    this.idleMillis = idleMillis;
    this.thread = new Thread(this::run, "load-shipper");
    thread.setDaemon(true);
    thread.start();
  }

  long confirmed() {
    return confirmed.get();
  }

  long failures() {
    return failures.get();
  }

  private void run() {
    while (running) {
      int shipped;
      try {
        shipped = shipper.ship(BATCHES_PER_CALL);
      } catch (AuditException e) {
        failures.incrementAndGet();
        shipped = 0;
      }
      confirmed.addAndGet(shipped);
      if (shipped == 0) {
        idle();
      }
    }
  }

  /** Waits the interval in short steps: no interrupt may land inside a JDBC or HTTP call. */
  private void idle() {
    long until = System.nanoTime() + idleMillis * 1_000_000;
    while (running && System.nanoTime() < until) {
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
