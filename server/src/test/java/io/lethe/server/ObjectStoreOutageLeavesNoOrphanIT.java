package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bucket goes away before an upload, and in the middle of one (S3Proxy stopped after the
 * first megabytes of a 16 MB photo). The client gets a 503 problem each time; no object row is
 * written, so none points to a missing object; and once the bucket is back, the orphan sweep
 * removes whatever the cut upload left in it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObjectStoreOutageLeavesNoOrphanIT {

  private static final int PHOTO = 16 << 20;
  private static final int CUT_AFTER = 6 << 20;

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
    registry.add("lethe.objects.orphan-sweep-interval", () -> "500ms");
    // Above the few milliseconds between an upload and its commit, so no live upload is taken.
    registry.add("lethe.objects.orphan-min-age", () -> "2s");
  }

  @LocalServerPort int port;

  @Test
  void bucketDownBeforeAndDuringAnUpload_answers503_writesNoRow_andTheSweepLeavesNoOrphan()
      throws Exception {
    ApiClient admin = ServerUnderTest.admin(port, dataDir);
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String kept = admin.postBytes("/v1/subjects/" + subject + "/objects?category=accident",
        "image/jpeg", new byte[100_000]).json().path("id").asText();
    long rows = Tally.count(pg.dataSource(), "SELECT count(*) FROM objects");
    long puts = Tally.events(pg.dataSource(), "object.put", "success").size();

    s3.stopServer();
    ApiClient.Response down;
    try {
      down = admin.postBytes("/v1/subjects/" + subject + "/objects?category=accident",
          "image/jpeg", new byte[100_000]);
    } finally {
      s3.startServer();
    }
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.json().path("code").asText()).isEqualTo("storage.object.store-unavailable");

    HttpResponse<String> cut = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/v1/subjects/" + subject
            + "/objects?category=accident"))
        .header("Authorization", "Bearer " + Files.readString(
            dataDir.resolve("bootstrap-admin.key")).trim())
        .header("Content-Type", "image/jpeg")
        .POST(HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(StopsTheBucketMidway::new), PHOTO))
        .build(), HttpResponse.BodyHandlers.ofString());
    s3.startServer();
    assertThat(cut.statusCode()).as(cut.body()).isEqualTo(503);
    assertThat(cut.body()).contains("\"code\":\"storage.object.store-unavailable\"");

    assertThat(Tally.count(pg.dataSource(), "SELECT count(*) FROM objects")).isEqualTo(rows);
    assertThat(Tally.events(pg.dataSource(), "object.put", "success")).hasSize((int) puts);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!bucketFiles().equals(rowKeys()) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(bucketFiles()).as("bucket objects after the orphan sweep").isEqualTo(rowKeys());
    assertThat(rowKeys()).hasSize((int) rows);
    assertThat(admin.getBytes("/v1/objects/" + kept + "?purpose=accident-handling").statusCode())
        .isEqualTo(200);
  }

  /** The photo's bytes; the bucket stops once the server has read the first megabytes. */
  private static final class StopsTheBucketMidway extends InputStream {
    private int sent;

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (sent >= PHOTO) {
        return -1;
      }
      int n = Math.min(len, PHOTO - sent);
      if (sent < CUT_AFTER && sent + n >= CUT_AFTER) {
        s3.stopServer();
      }
      java.util.Arrays.fill(b, off, off + n, (byte) 0x5a);
      sent += n;
      return n;
    }
  }

  private static Set<String> rowKeys() throws Exception {
    Set<String> keys = new HashSet<>();
    try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT storage_key FROM objects")) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    }
    return keys;
  }

  /** Every file under the bucket's folder, named as its key. */
  private static Set<String> bucketFiles() throws Exception {
    Path bucket = s3.directory().resolve("lethe-objects");
    Set<String> keys = new HashSet<>();
    try (Stream<Path> files = Files.walk(bucket)) {
      files.filter(Files::isRegularFile).forEach(f -> keys.add(
          bucket.relativize(f).toString().replace('\\', '/')));
    }
    return keys;
  }
}
