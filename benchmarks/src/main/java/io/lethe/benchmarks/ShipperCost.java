package io.lethe.benchmarks;

import io.lethe.audit.AuditIndex;
import io.lethe.audit.chain.HmacCheckpointSigner;
import io.lethe.audit.outbox.AuditShipper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the shipper costs the database per event, with Elasticsearch taken out: an index that
 * confirms every document at once. Two figures that do not depend on the machine's load, the
 * outbox rows inserted, updated and deleted per shipped event (PostgreSQL's table statistics),
 * and two that do, milliseconds per batch with a large backlog and with a small one (the H2
 * slowdown as the backlog grows shows as their difference).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.lethe.benchmarks.ShipperCost [--db
 * postgres|h2] [--events 100000] [--batch-size 1000]}
 */
public final class ShipperCost {

  private static final int TIMED_BATCHES = 10;

  private ShipperCost() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new java.util.ArrayList<>(Arrays.asList(args));
    int events = 100_000;
    int at = rest.indexOf("--events");
    if (at >= 0) {
      events = Integer.parseInt(rest.get(at + 1));
      rest.subList(at, at + 2).clear();
    }
    LoadOptions o = LoadOptions.parse(rest.toArray(String[]::new));
    AuditIndex confirmsAll = new AuditIndex() {
      @Override public void prepare() {}
      @Override public Set<String> index(List<Document> docs) {
        Set<String> ids = new HashSet<>();
        docs.forEach(d -> ids.add(d.id()));
        return ids;
      }
    };
    try (LoadDatabase db = LoadDatabase.open(o, 4)) {
      AuditShipper shipper = new AuditShipper(db.dataSource(), confirmsAll, o.batchSize(),
          new HmacCheckpointSigner("shipper-cost", new byte[32]));
      LoadPrefill.fill(db, events, 2);
      double full = millisPerBatch(shipper);
      int drained = shipper.drain();
      LoadPrefill.fill(db, o.batchSize() * (TIMED_BATCHES + 1L), 2);
      double small = millisPerBatch(shipper);
      drained += shipper.drain();
      Thread.sleep(2000); // PostgreSQL publishes table statistics within about a second
      long[] rows = outboxTuples(db, o); // a fresh table: its counts start at zero
      long shipped = events + o.batchSize() * (TIMED_BATCHES + 1L);
      System.out.printf("db=%s events=%d batch=%d load=%s%n", o.db(), shipped, o.batchSize(),
          loadAverage());
      System.out.printf("ms per batch, backlog %d: %.1f; backlog %d: %.1f%n", events, full,
          o.batchSize() * (TIMED_BATCHES + 1L), small);
      System.out.printf("shipped by drain after the timed batches: %d%n", drained);
      if (rows != null) {
        System.out.printf("outbox rows per shipped event: inserted %.2f, updated %.2f "
                + "(HOT %.2f), deleted %.2f%n", ratio(rows[0], shipped), ratio(rows[1], shipped),
            ratio(rows[2], shipped), ratio(rows[3], shipped));
      }
    }
  }

  private static double millisPerBatch(AuditShipper shipper) {
    long start = System.nanoTime();
    for (int i = 0; i < TIMED_BATCHES; i++) {
      shipper.shipBatch();
    }
    return (System.nanoTime() - start) / 1e6 / TIMED_BATCHES;
  }

  /** Inserted, updated, HOT-updated and deleted outbox rows so far (PostgreSQL only). */
  private static long[] outboxTuples(LoadDatabase db, LoadOptions o) throws Exception {
    if (!o.db().equals("postgres")) {
      return null;
    }
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT n_tup_ins, n_tup_upd, n_tup_hot_upd, "
            + "n_tup_del FROM pg_stat_user_tables WHERE relname = 'audit_outbox' "
            + "AND schemaname = current_schema()");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
    }
  }

  private static double ratio(long count, long events) {
    return (double) count / events;
  }

  private static String loadAverage() throws Exception {
    return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
  }
}
