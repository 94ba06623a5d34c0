package io.lethe.embedded;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3-compatible server in this process: S3Proxy on a loopback port with its filesystem
 * backend, requiring AWS signature v4. The embedded default stores objects here, and tests use it
 * as their real S3.
 *
 * <p>Thread safety: start and stop from one thread; the server itself serves concurrently.
 */
public final class S3ProxyServer implements AutoCloseable {

  private final S3Proxy proxy;
  private final Path directory;
  private final String accessKey;
  private final String secretKey;

  private S3ProxyServer(S3Proxy proxy, Path directory, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.directory = directory;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Starts a server that keeps its buckets under {@code directory}.
   *
   * @param port the loopback port, or 0 for a free one
   * @throws EmbeddedServerException if the server cannot start
   */
  public static S3ProxyServer start(Path directory, int port, String accessKey, String secretKey) {
    try {
      Files.createDirectories(directory);
      Properties properties = new Properties();
      properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
      S3Proxy proxy = S3Proxy.builder()
          .blobStore(BlobStores.create("filesystem", properties))
          .endpoint(URI.create("http://127.0.0.1:" + port))
          .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
          .build();
      proxy.start();
      waitUntilStarted(proxy);
      return new S3ProxyServer(proxy, directory, accessKey, secretKey);
    } catch (EmbeddedServerException e) {
      throw e;
    } catch (Exception e) {
      throw new EmbeddedServerException("S3Proxy did not start on port " + port, e);
    }
  }

  private static void waitUntilStarted(S3Proxy proxy) throws InterruptedException {
    // S3Proxy.start() returns before Jetty reports STARTED; a client racing it gets refused.
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new EmbeddedServerException("S3Proxy did not reach STARTED within 30 s", null);
      }
      Thread.sleep(10);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  public int port() {
    return proxy.getPort();
  }

  public String accessKey() {
    return accessKey;
  }

  /** The secret key; never log it. */
  public String secretKey() {
    return secretKey;
  }

  /** Where the filesystem backend keeps buckets (one folder each) and objects (one file each). */
  public Path directory() {
    return directory;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new EmbeddedServerException("S3Proxy did not stop cleanly", e);
    }
  }
}
