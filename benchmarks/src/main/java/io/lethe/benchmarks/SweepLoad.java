package io.lethe.benchmarks;

import io.lethe.audit.outbox.AuditMigrations;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.embedded.S3ProxyServer;
import io.lethe.lifecycle.db.LifecycleMigrations;
import io.lethe.lifecycle.holds.LegalHolds;
import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunner;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.retention.RetentionSweep;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.objects.ObjectStore;
import io.lethe.storage.schema.Schema;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The retention sweep at scale on PostgreSQL: {@code records} rows (one stand-in ciphertext field
 * each, 1000 per subject) of which {@code due}% expired an hour ago, the rest next year. Reports
 * the time to find the due records (the sweep's first claim of a batch, and a count of all due)
 * and the time to process them (a full {@code retention-sweep} run: delete, tombstone, audit).
 * Rows are written with {@code INSERT ... SELECT generate_series}, not through the store: what is
 * measured is the sweep, not the load. A fresh schema, dropped at the end.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.lethe.benchmarks.SweepLoad [records] [due%] [batch]
 *     [jdbc-url] [user]
 * </pre>
 */
public final class SweepLoad {

  private SweepLoad() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int duePercent = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    String url = args.length > 3 ? args[3] : "jdbc:postgresql://127.0.0.1:5432/test";
    String user = args.length > 4 ? args[4] : "postgres";
    String schema = "sweepload_" + UUID.randomUUID().toString().substring(0, 8);
    PGSimpleDataSource admin = dataSource(url, user, null);
    try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    Path dir = Files.createTempDirectory("lethe-sweep-bench-");
    try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"), 0, "bench",
        "bench-secret-0123456789")) {
      PGSimpleDataSource ds = dataSource(url, user, schema);
      StorageMigrations.migrate(ds);
      AuditMigrations.migrate(ds);
      LifecycleMigrations.migrate(ds);
      long loadStart = System.nanoTime();
      prefill(ds, records, duePercent);
      System.out.printf("prefilled %d records (%d%% due) in %.1f s%n", records, duePercent,
          seconds(loadStart));

      MinioClient minio = MinioClient.builder().endpoint(s3.endpoint())
          .credentials("bench", "bench-secret-0123456789").region("us-east-1").build();
      minio.makeBucket(MakeBucketArgs.builder().bucket("bench").build());
      KeyProvider keys = KeyProvider.localKeyring(dir.resolve("k.lkr"),
          "benchmark passphrase".toCharArray());
      AuditOutbox audit = new AuditOutbox();
      RetentionSweep sweep = RetentionSweep.retentionSweep(RetentionPolicy.defaultPolicy(),
          PersonalDataStore.create(Schema.defaultSchema(), keys),
          ObjectStore.s3(minio, "bench", keys), LegalHolds.create(Clock.systemUTC(), audit));

      long findStart = System.nanoTime();
      long due = count(ds, "SELECT COUNT(*) FROM records WHERE state = 'ACTIVE'"
          + " AND expires_at <= now()");
      double countSeconds = seconds(findStart);
      findStart = System.nanoTime();
      count(ds, "SELECT COUNT(*) FROM (SELECT id FROM records WHERE state = 'ACTIVE'"
          + " AND expires_at <= now() ORDER BY expires_at, id FETCH FIRST " + batch
          + " ROWS ONLY) first_batch");
      double claimSeconds = seconds(findStart);
      System.out.printf("find: first batch of %d in %.3f s; all %d due counted in %.3f s%n",
          batch, claimSeconds, due, countSeconds);

      long runStart = System.nanoTime();
      JobRun run;
      try (RateSampler rate = RateSampler.start(ds)) {
        run = new JobRunner(ds, audit, Clock.systemUTC(), batch).run(sweep, false);
      }
      double runSeconds = seconds(runStart);
      System.out.printf("process: %s, %s, %d batches in %.1f s = %.0f records/s%n",
          run.status(), run.counts(), run.batches(), runSeconds,
          run.counts().deleted() / runSeconds);
    } finally {
      try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Subjects (1000 records each; deleting needs no key), records and one 32-byte field each. */
  private static void prefill(PGSimpleDataSource ds, int records, int duePercent)
      throws Exception {
    int subjects = Math.max(1, records / 1000);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE bench_subjects AS SELECT g AS n, gen_random_uuid() AS id"
          + " FROM generate_series(0, " + (subjects - 1) + ") g");
      s.execute("INSERT INTO subjects (id, status, created_at, wrapped_key, kek_id, kek_version)"
          + " SELECT id, 'ACTIVE', now(), 'stand-in', 'local', 1 FROM bench_subjects");
      s.execute("INSERT INTO records (id, subject_id, type, schema_version, retention_class,"
          + " state, created_at, updated_at, expires_at) SELECT gen_random_uuid(), b.id,"
          + " 'device-log', 1, 'device-log-6-months', 'ACTIVE', now(), now(),"
          + " CASE WHEN g % 100 < " + duePercent + " THEN now() - interval '1 hour'"
          + " ELSE now() + interval '365 days' END"
          + " FROM generate_series(0, " + (records - 1) + ") g"
          + " JOIN bench_subjects b ON b.n = g % " + subjects);
      s.execute("INSERT INTO record_fields (record_id, name, ciphertext)"
          + " SELECT id, 'deviceModel', decode(md5(random()::text) || md5(id::text), 'hex')"
          + " FROM records");
      s.execute("ANALYZE");
    }
  }

  /**
   * Prints the records deleted in each 10 s of the run, from the run's committed progress: a
   * rate that falls as the run goes on points at state the run itself accumulates (tombstones,
   * outbox rows), a rate that is flat but lower on a larger table at the table's size.
   */
  private static final class RateSampler implements AutoCloseable {
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    private long last;
    private int tick;

    static RateSampler start(PGSimpleDataSource ds) {
      RateSampler sampler = new RateSampler();
      sampler.timer.scheduleAtFixedRate(() -> sampler.sample(ds), 10, 10,
          java.util.concurrent.TimeUnit.SECONDS);
      return sampler;
    }

    private void sample(PGSimpleDataSource ds) {
      try {
        long deleted = count(ds, "SELECT COALESCE(MAX(deleted), 0) FROM job_runs");
        tick++;
        System.out.printf("  %3d s: %d deleted, %.0f records/s in the last 10 s%n", tick * 10,
            deleted, (deleted - last) / 10.0);
        last = deleted;
      } catch (Exception e) {
        System.out.println("  rate sample failed: " + e.getClass().getSimpleName());
      }
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }

  private static long count(PGSimpleDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static PGSimpleDataSource dataSource(String url, String user, String schema) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser(user);
    ds.setPassword(System.getenv().getOrDefault("LETHE_BENCH_PG_PASSWORD", ""));
    if (schema != null) {
      ds.setCurrentSchema(schema);
    }
    return ds;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
