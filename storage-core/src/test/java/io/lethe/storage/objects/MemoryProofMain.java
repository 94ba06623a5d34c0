package io.lethe.storage.objects;

import io.lethe.embedded.S3ProxyServer;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.TestKeyrings;
import io.lethe.storage.schema.Category;
import io.lethe.storage.schema.Schema;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The child JVM of {@code ObjectStoreMemoryIT}: streams {@code args[1]} bytes of generated data
 * through the object store into its own S3Proxy and H2 file database under {@code args[0]},
 * reads them back, and prints one line the parent checks:
 * {@code RESULT in=<sha256> out=<sha256> bytes=<n> maxHeap=<bytes> peakHeap=<bytes> putMs= getMs=}.
 * Nothing here ever holds more than a buffer of the content.
 */
public final class MemoryProofMain {

  private MemoryProofMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long size = Long.parseLong(args[1]);
    // Never closed: a graceful Jetty stop waits out the client's keep-alive connection (~60 s).
    // System.exit ends the process instead, with the verdict as exit code.
    S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"), 0, "proof", "proof-secret");
    MinioClient client = MinioClient.builder().endpoint(s3.endpoint())
        .credentials(s3.accessKey(), s3.secretKey()).region("us-east-1").build();
    client.makeBucket(MakeBucketArgs.builder().bucket("proof").build());
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
    StorageMigrations.migrate(h2);
    KeyProvider keys = TestKeyrings.fast(dir.resolve("keyring.lkr"));
    ObjectStore store = ObjectStore.s3(client, "proof", keys);
    try (Connection c = h2.getConnection()) {
      c.setAutoCommit(false);
      UUID subject = PersonalDataStore.create(Schema.defaultSchema(), keys).createSubject(c).id();
      MessageDigest in = MessageDigest.getInstance("SHA-256");
      long t0 = System.nanoTime();
      StoredObject stored = store.put(c, subject, Category.ACCIDENT, Optional.empty(),
          "video/mp4", new Generated(size, in), size);
      c.commit();
      long t1 = System.nanoTime();
      MessageDigest out = MessageDigest.getInstance("SHA-256");
      long read = 0;
      try (ObjectContent content = store.get(c, stored.id());
          InputStream stream = content.stream()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = stream.read(buffer)) >= 0; read += n) {
          out.update(buffer, 0, n);
        }
      }
      long t2 = System.nanoTime();
      byte[] digestIn = in.digest();
      byte[] digestOut = out.digest();
      System.out.println("RESULT in=" + HexFormat.of().formatHex(digestIn)
          + " out=" + HexFormat.of().formatHex(digestOut) + " bytes=" + read
          + " maxHeap=" + Runtime.getRuntime().maxMemory() + " peakHeap=" + peakHeap()
          + " putMs=" + (t1 - t0) / 1_000_000 + " getMs=" + (t2 - t1) / 1_000_000);
      System.out.flush();
      System.exit(MessageDigest.isEqual(digestIn, digestOut) && read == size ? 0 : 1);
    }
  }

  /** Sum of the heap pools' peaks: an upper bound of the heap ever in use at once. */
  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getPeakUsage).mapToLong(u -> u.getUsed()).sum();
  }

  /** {@code size} pseudo-random bytes made as they are read, digested on the way. */
  private static final class Generated extends InputStream {
    private final SplittableRandom random = new SplittableRandom(20261122L);
    private final MessageDigest digest;
    private long left;

    Generated(long size, MessageDigest digest) {
      this.left = size;
      this.digest = digest;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) random.nextInt(256);
      }
      digest.update(b, off, n);
      left -= n;
      return n;
    }
  }
}
