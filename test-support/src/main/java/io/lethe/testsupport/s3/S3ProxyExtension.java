package io.lethe.testsupport.s3;

import io.lethe.embedded.S3ProxyServer;
import io.minio.MinioClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.security.SecureRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3 API for a test class: S3Proxy in this JVM on a free loopback port, filesystem backend
 * in a temporary folder, AWS v4 signatures with credentials generated for the class. Tests reach
 * it only through the MinIO Java SDK ({@link #client()}); {@link #directory()} lets a test scan
 * what was really written to disk.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {

  private static final SecureRandom RANDOM = new SecureRandom();
  private S3ProxyServer server;
  private Path directory;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    directory = Files.createTempDirectory("lethe-s3-");
    server = S3ProxyServer.start(directory, 0, "test-" + random(8), random(32));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (server != null) {
      server.close();
    }
    if (directory != null) {
      try (var paths = Files.walk(directory)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  public MinioClient client() {
    return MinioClient.builder()
        .endpoint(server().endpoint())
        .credentials(server().accessKey(), server().secretKey())
        .region("us-east-1")
        .build();
  }

  public String endpoint() {
    return server().endpoint();
  }

  public String accessKey() {
    return server().accessKey();
  }

  public String secretKey() {
    return server().secretKey();
  }

  public Path directory() {
    return directory;
  }

  /** Stops serving, to stage an outage: clients are refused; objects stay on disk. */
  public void stopServer() {
    port = server().port(); // a stopped Jetty no longer reports it
    server().close();
  }

  /** Serves again after {@link #stopServer()}: same port, credentials and objects. */
  public void startServer() {
    S3ProxyServer stopped = server();
    server = S3ProxyServer.start(directory, port, stopped.accessKey(), stopped.secretKey());
  }

  public S3ProxyServer server() {
    if (server == null) {
      throw new IllegalStateException("S3ProxyExtension is used before beforeAll: register it "
          + "as a static field with @RegisterExtension");
    }
    return server;
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
