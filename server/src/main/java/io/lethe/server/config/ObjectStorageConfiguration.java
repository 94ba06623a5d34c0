package io.lethe.server.config;

import io.lethe.embedded.S3ProxyServer;
import io.lethe.server.db.Transactions;
import io.lethe.server.objects.OrphanSweeps;
import io.lethe.storage.objects.ObjectStore;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.MinioException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The S3 API Lethe keeps photos in: the configured endpoint (MinIO in production), or on the
 * embedded default an S3Proxy in this process with credentials generated at each start.
 */
@Configuration(proxyBeanMethods = false)
class ObjectStorageConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ObjectStorageConfiguration.class);

  /** Null unless the embedded default is in use; Spring closes it on shutdown. */
  @Bean(destroyMethod = "close")
  EmbeddedObjectStorage embeddedObjectStorage(LetheProperties properties) {
    if (!properties.objects().embedded()) {
      return new EmbeddedObjectStorage(null);
    }
    SecureRandom random = new SecureRandom();
    S3ProxyServer server = S3ProxyServer.start(properties.dataDir().resolve("objects"), 0,
        "lethe-" + hex(random, 8), hex(random, 32));
    log.info("Embedded S3Proxy serves objects from {} on {}",
        properties.dataDir().resolve("objects"), server.endpoint());
    return new EmbeddedObjectStorage(server);
  }

  @Bean
  MinioClient minioClient(LetheProperties properties, EmbeddedObjectStorage embedded)
      throws MinioException {
    MinioClient client = embedded.server() != null
        ? MinioClient.builder().endpoint(embedded.server().endpoint())
            .credentials(embedded.server().accessKey(), embedded.server().secretKey())
            .region("us-east-1").build()
        : MinioClient.builder().endpoint(properties.objects().endpoint())
            .credentials(properties.objects().accessKey(), properties.objects().secretKey())
            .region("us-east-1").build();
    String bucket = properties.objects().bucket();
    if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
      client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
    }
    return client;
  }

  /** Needs the server's tables, hence after the migrations. */
  @Bean(destroyMethod = "close")
  @org.springframework.context.annotation.DependsOn("databaseMigrations")
  OrphanSweeps orphanSweeps(ObjectStore objects, Transactions transactions,
      LetheProperties properties) {
    return new OrphanSweeps(objects, transactions, properties.objects().orphanSweepInterval(),
        properties.objects().orphanMinAge());
  }

  private static String hex(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Holder so that the bean exists in both modes; {@code server} is null when external. */
  record EmbeddedObjectStorage(S3ProxyServer server) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}
