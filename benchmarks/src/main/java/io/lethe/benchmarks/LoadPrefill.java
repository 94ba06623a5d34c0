package io.lethe.benchmarks;

import io.lethe.audit.outbox.AuditOutbox;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills the outbox ahead of a shipping-capacity measurement, through the ordinary
 * {@link AuditOutbox#append}, a thousand events per transaction: untimed, so the only
 * requirement is that the shipper cannot run dry while it is measured.
 */
final class LoadPrefill {

  private static final int PER_TRANSACTION = 1000;

  private LoadPrefill() {}

  static void fill(LoadDatabase db, long events, int threads) throws Exception {
    AuditOutbox outbox = new AuditOutbox();
    AtomicLong left = new AtomicLong(events);
    List<Thread> workers = new ArrayList<>();
    List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        try (Connection c = db.dataSource().getConnection()) {
          c.setAutoCommit(false);
          long n;
          while ((n = Math.min(PER_TRANSACTION, left.getAndAdd(-PER_TRANSACTION))) > 0) {
            for (int i = 0; i < n; i++) {
              LoadDatabase.StoredRecord r = db.anyRecord();
              outbox.append(c, LoadEvents.recordRead(r.subjectId(), r.id()));
            }
            c.commit();
          }
        } catch (Exception e) {
          failures.add(e);
        }
      }, "load-prefill-" + t);
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}
