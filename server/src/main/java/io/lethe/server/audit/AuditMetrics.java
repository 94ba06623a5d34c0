package io.lethe.server.audit;

import io.lethe.audit.outbox.OutboxStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Shipping health for operators: the outbox backlog, the lag (age of the oldest waiting event),
 * events shipped and failed attempts. Read at scrape time from the database, so every server of
 * a cluster reports the same backlog.
 */
@Component
class AuditMetrics {

  AuditMetrics(MeterRegistry registry, DataSource dataSource, AuditShipping shipping) {
    OutboxStats stats = new OutboxStats(dataSource);
    Gauge.builder("lethe.audit.outbox.backlog", stats, s -> safe(() -> s.backlog()))
        .description("Audit events waiting in the outbox for Elasticsearch")
        .baseUnit("events").register(registry);
    Gauge.builder("lethe.audit.outbox.lag", stats, s -> safe(() -> s.oldestWaiting()
            .map(t -> Duration.between(t, Instant.now()).toMillis() / 1000.0).orElse(0.0)))
        .description("Age of the oldest audit event not yet in Elasticsearch")
        .baseUnit("seconds").register(registry);
    FunctionCounter.builder("lethe.audit.shipped", shipping, AuditShipping::shipped)
        .description("Audit events Elasticsearch confirmed").baseUnit("events").register(registry);
    FunctionCounter.builder("lethe.audit.shipping.failures", shipping, AuditShipping::failures)
        .description("Shipping attempts that failed").register(registry);
  }

  /** A scrape during a database outage reports NaN rather than failing the whole scrape. */
  private static double safe(java.util.function.DoubleSupplier value) {
    try {
      return value.getAsDouble();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
