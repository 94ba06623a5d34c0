package io.lethe.server.audit;

import io.lethe.audit.retention.AuditRetention;
import io.lethe.server.config.AuditConfiguration.AuditCluster;
import io.lethe.server.config.LetheProperties;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Drops expired audit indices once a day (and a minute after start). Running it on several
 * servers at once is harmless: a second run finds nothing left to drop.
 */
@Component
class AuditRetentionSchedule implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AuditRetentionSchedule.class);
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "audit-retention");
        t.setDaemon(true);
        return t;
      });

  AuditRetentionSchedule(AuditCluster cluster, DataSource dataSource, LetheProperties properties) {
    cluster.index().ifPresent(index -> {
      AuditRetention retention = new AuditRetention(dataSource, index,
          properties.audit().retention(), Clock.systemUTC());
      executor.scheduleWithFixedDelay(() -> run(retention), 1, 24 * 60, TimeUnit.MINUTES);
    });
  }

  private static void run(AuditRetention retention) {
    try {
      AuditRetention.Report report = retention.dropExpired();
      if (!report.dropped().isEmpty()) {
        log.info("Dropped expired audit indices {}; the retained chain starts at {}",
            report.dropped(), report.floor().seq());
      }
    } catch (RuntimeException e) {
      log.warn("Audit retention did not run; it will try again tomorrow", e);
    }
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
