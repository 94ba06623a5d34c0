package io.lethe.benchmarks;

import io.lethe.embedded.S3ProxyServer;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.CachingKeyProvider;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.objects.ObjectContent;
import io.lethe.storage.objects.ObjectStore;
import io.lethe.storage.objects.StoredObject;
import io.lethe.storage.schema.Category;
import io.lethe.storage.schema.Schema;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Objects put and got through Lethe (streaming AEAD, per-object key, a row in H2) against the
 * same bytes put and got raw through the MinIO SDK, both to one in-process S3Proxy. Time per
 * object; MB/s = size / time. The ratio is what encryption and bookkeeping cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@State(Scope.Benchmark)
public class ObjectStoreBenchmark {

  @Param({"1048576", "67108864"})
  public int size;

  private Path dir;
  private S3ProxyServer s3;
  private MinioClient minio;
  private ObjectStore store;
  private Connection connection;
  private UUID subject;
  private byte[] content;
  private UUID storedId;
  private String rawKey;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("lethe-bench-");
    s3 = S3ProxyServer.start(dir.resolve("s3"), 0, "bench", "bench-secret-0123456789");
    minio = MinioClient.builder().endpoint(s3.endpoint()).credentials("bench",
        "bench-secret-0123456789").region("us-east-1").build();
    minio.makeBucket(MakeBucketArgs.builder().bucket("bench").build());
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
    StorageMigrations.migrate(ds);
    KeyProvider keys = CachingKeyProvider.builder(KeyProvider.localKeyring(dir.resolve("k.lkr"),
        "benchmark passphrase".toCharArray())).maxEntries(100).timeToLive(Duration.ofHours(1)).build();
    store = ObjectStore.s3(minio, "bench", keys);
    connection = ds.getConnection();
    subject = PersonalDataStore.create(Schema.defaultSchema(), keys).createSubject(connection).id();
    content = new byte[size];
    new Random(1).nextBytes(content);
    storedId = store.put(connection, subject, Category.ACCIDENT, Optional.empty(), "image/jpeg",
        new ByteArrayInputStream(content), size).id();
    rawKey = "raw-" + size;
    rawPut();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    connection.close();
    s3.close();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public StoredObject lethePut() {
    return store.put(connection, subject, Category.ACCIDENT, Optional.empty(), "image/jpeg",
        new ByteArrayInputStream(content), size);
  }

  @Benchmark
  public long letheGet() throws Exception {
    try (ObjectContent c = store.get(connection, storedId)) {
      return drain(c.stream());
    }
  }

  /** As the server sends an object: {@code transferTo} the response. */
  @Benchmark
  public long letheGetTransfer() throws Exception {
    try (ObjectContent c = store.get(connection, storedId)) {
      return c.stream().transferTo(OutputStream.nullOutputStream());
    }
  }

  @Benchmark
  public Object rawPut() throws Exception {
    return minio.putObject(PutObjectArgs.builder().bucket("bench").object(rawKey)
        .stream(new ByteArrayInputStream(content), (long) size, -1L).contentType("image/jpeg").build());
  }

  @Benchmark
  public long rawGet() throws Exception {
    try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket("bench").object(rawKey)
        .build())) {
      return drain(in);
    }
  }

  @Benchmark
  public long rawGetTransfer() throws Exception {
    try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket("bench").object(rawKey)
        .build())) {
      return in.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static long drain(InputStream in) throws java.io.IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
    }
    return total;
  }
}
