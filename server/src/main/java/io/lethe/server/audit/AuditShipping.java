package io.lethe.server.audit;

import io.lethe.audit.AuditException;
import io.lethe.audit.outbox.AuditShipper;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the audit outbox into Elasticsearch on a fixed delay. An outage is logged once when it
 * starts and once when it ends; events wait in the outbox meanwhile.
 */
public final class AuditShipping implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AuditShipping.class);

  private final Optional<AuditShipper> shipper;
  private final ScheduledExecutorService executor;
  private volatile boolean failing;
  private final java.util.concurrent.atomic.AtomicLong shipped = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();

  public AuditShipping(Optional<AuditShipper> shipper, Duration interval) {
    this.shipper = shipper;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "audit-shipper");
      t.setDaemon(true);
      return t;
    });
    if (shipper.isPresent()) {
      executor.scheduleWithFixedDelay(this::shipQuietly, interval.toMillis(), interval.toMillis(),
          TimeUnit.MILLISECONDS);
    } else {
      log.warn("No audit Elasticsearch is configured: audit events stay in the database outbox");
    }
  }

  /** Ships everything waiting now, without waiting for the next scheduled run. */
  public int drainNow() {
    return shipper.map(AuditShipper::drain).orElse(0);
  }

  /** Events shipped since start. */
  public long shipped() {
    return shipped.get();
  }

  /** Shipping attempts that failed since start (each outage counts every retry). */
  public long failures() {
    return failures.get();
  }

  private void shipQuietly() {
    try {
      shipper.ifPresent(s -> shipped.addAndGet(s.drain()));
      if (failing) {
        failing = false;
        log.info("Audit shipping recovered");
      }
    } catch (RuntimeException e) {
      // Catch everything: an exception escaping a scheduled task cancels all later runs.
      failures.incrementAndGet();
      if (!failing) {
        failing = true;
        String reason = e instanceof AuditException a ? a.code().code() : e.getClass().getName();
        log.warn("Audit shipping paused ({}): events wait in the outbox", reason, e);
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
