package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Request size limits: an oversize JSON body or upload is answered 413 {@code request.too-large},
 * whether its length is declared or it streams without one, and nothing of it is stored.
 */
// Closed after the class: its settings are its own, and its connections go back to PostgreSQL.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "lethe.limits.json-max-size=2KB", "lethe.limits.upload-max-size=64KB"})
class RequestLimitsIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
  }

  @LocalServerPort int port;

  @Test
  void anOversizeJsonBody_is413_declaredOrStreamed_andNoRecordIsStored() throws Exception {
    ApiClient admin = ServerUnderTest.admin(port, dataDir);
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String big = "{\"type\":\"account\",\"fields\":{\"idType\":\"resident-id\",\"name\":\""
        + "张".repeat(1500) + "\",\"idNumber\":\"11010519491231002X\",\"mobile\":\"13800000000\"}}";

    HttpResponse<String> declared = send(admin, "/v1/subjects/" + subject + "/records",
        "application/json", big.getBytes(), false);
    assertTooLarge(declared, "lethe.limits.json-max-size");
    HttpResponse<String> streamed = send(admin, "/v1/subjects/" + subject + "/records",
        "application/json", big.getBytes(), true);
    assertTooLarge(streamed, "lethe.limits.json-max-size");

    assertThat(admin.get("/v1/subjects/" + subject).json().path("records").asLong()).isZero();
    assertThat(streamed.body()).doesNotContain("张张");
  }

  @Test
  void anOversizeUpload_is413_declaredOrStreamed_andNothingIsWritten() throws Exception {
    ApiClient admin = ServerUnderTest.admin(port, dataDir);
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String path = "/v1/subjects/" + subject + "/objects?category=accident";
    byte[] photo = new byte[200 * 1024];
    Arrays.fill(photo, (byte) 7);

    assertTooLarge(send(admin, path, "image/jpeg", photo, false), "lethe.limits.upload-max-size");
    assertTooLarge(send(admin, path, "image/jpeg", photo, true), "lethe.limits.upload-max-size");
    assertThat(admin.get("/v1/subjects/" + subject).json().path("objects").asLong()).isZero();
    assertThat(filesIn(s3.directory())).as("nothing reached the bucket").isZero();

    HttpResponse<String> fits = send(admin, path, "image/jpeg", new byte[32 * 1024], true);
    assertThat(fits.statusCode()).as(fits.body()).isEqualTo(201);
    assertThat(admin.get("/v1/subjects/" + subject).json().path("objects").asLong()).isOne();
  }

  private static void assertTooLarge(HttpResponse<String> r, String setting) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    assertThat(r.body()).contains("\"code\":\"request.too-large\"", setting);
  }

  /** Declared: a Content-Length; streamed: chunked, the length known only at the end. */
  private HttpResponse<String> send(ApiClient admin, String path, String contentType, byte[] body,
      boolean streamed) throws Exception {
    HttpRequest.BodyPublisher publisher = streamed
        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
        : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + Files.readString(dataDir.resolve(
            "bootstrap-admin.key")).trim())
        .header("Content-Type", contentType).POST(publisher).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static long filesIn(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
