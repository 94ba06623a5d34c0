package io.lethe.benchmarks;

import io.lethe.embedded.S3ProxyServer;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.CachingKeyProvider;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.objects.ObjectStore;
import io.lethe.storage.schema.Category;
import io.lethe.storage.schema.Schema;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Objects deleted per second the way the erasure job deletes them ({@code deleteBatch}: rows
 * locked and deleted, then one S3 {@code DeleteObjects} request per 1000 keys, one commit per
 * batch) against one object at a time ({@code delete}: a row and a {@code DeleteObject} request,
 * one commit each), both to one in-process S3Proxy (filesystem backend) with H2 in memory.
 * Not JMH: a deletion can only be measured once per object, so each round puts its objects
 * first (untimed) and times their deletion.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.lethe.benchmarks.ObjectDeleteLoad [objects] [rounds]
 * </pre>
 */
public final class ObjectDeleteLoad {

  private static final int SIZE = 1024;

  private ObjectDeleteLoad() {}

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("lethe-delete-bench-");
    try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"), 0, "bench",
        "bench-secret-0123456789")) {
      MinioClient minio = MinioClient.builder().endpoint(s3.endpoint())
          .credentials("bench", "bench-secret-0123456789").region("us-east-1").build();
      minio.makeBucket(MakeBucketArgs.builder().bucket("bench").build());
      org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
      ds.setURL("jdbc:h2:mem:delete-bench;DB_CLOSE_DELAY=-1");
      StorageMigrations.migrate(ds);
      KeyProvider keys = CachingKeyProvider.builder(KeyProvider.localKeyring(
          dir.resolve("k.lkr"), "benchmark passphrase".toCharArray())).maxEntries(100)
          .timeToLive(Duration.ofHours(1)).build();
      PersonalDataStore people = PersonalDataStore.create(Schema.defaultSchema(), keys);
      ObjectStore store = ObjectStore.s3(minio, "bench", keys);
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        for (int round = 1; round <= rounds; round++) {
          UUID batched = subjectWith(c, people, store, objects).get(0);
          people.destroySubjectKey(c, batched);
          c.commit();
          long start = System.nanoTime();
          int deleted = 0;
          for (List<UUID> gone = store.deleteBatch(c, batched, 1000); !gone.isEmpty();
              gone = store.deleteBatch(c, batched, 1000)) {
            c.commit();
            deleted += gone.size();
          }
          c.commit();
          double batchRate = deleted / seconds(start);

          int singles = Math.max(1, objects / 5);
          List<UUID> one = subjectWith(c, people, store, singles);
          start = System.nanoTime();
          for (UUID id : one.subList(1, one.size())) {
            store.delete(c, id);
            c.commit();
          }
          double singleRate = singles / seconds(start);
          System.out.printf("round %d: batch delete %d objects: %.0f objects/s;"
              + " one at a time %d objects: %.0f objects/s%n", round, deleted, batchRate,
              singles, singleRate);
        }
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A new subject and {@code count} 1 KiB objects, committed: the subject first, then ids. */
  private static List<UUID> subjectWith(Connection c, PersonalDataStore people,
      ObjectStore store, int count) throws Exception {
    UUID subject = people.createSubject(c).id();
    List<UUID> out = new ArrayList<>(List.of(subject));
    byte[] content = new byte[SIZE];
    for (int i = 0; i < count; i++) {
      content[0] = (byte) i;
      out.add(store.put(c, subject, Category.ACCIDENT, Optional.empty(), "image/jpeg",
          new ByteArrayInputStream(content), SIZE).id());
      if (i % 500 == 499) {
        c.commit();
      }
    }
    c.commit();
    return out;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
