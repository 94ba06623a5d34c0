package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.server.security.PrincipalStore;
import io.lethe.testsupport.leaks.PlaintextScanner;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Photos through the API: encrypted in the bucket, streamed back with their type, audited. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObjectsApiIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
  }

  @LocalServerPort int port;
  @Autowired PrincipalStore principals;
  ApiClient admin;

  @BeforeEach
  void adminClient() throws Exception {
    admin = ServerUnderTest.admin(port, dataDir);
  }

  @Test
  void aScenePhoto_isStoredEncrypted_andStreamedBackWithItsType() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    byte[] jpeg = jpegWithMarker("SCENE-PHOTO-MARKER-7c1e", 300_000);

    ApiClient.Response created = admin.postBytes("/v1/subjects/" + subject
        + "/objects?category=accident", "image/jpeg", jpeg);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("size").asLong()).isEqualTo(jpeg.length);
    assertThat(created.json().path("contentType").asText()).isEqualTo("image/jpeg");
    String objectId = created.json().path("id").asText();

    HttpResponse<byte[]> read = admin.getBytes("/v1/objects/" + objectId + "?purpose=accident-handling");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(read.body()).isEqualTo(jpeg);

    assertThat(PlaintextScanner.scanFiles(s3.directory(), "SCENE-PHOTO-MARKER-7c1e", subject)).isEmpty();
    assertThat(PlaintextScanner.scanTables(pg.dataSource(), "SCENE-PHOTO-MARKER-7c1e")).isEmpty();
    try (var c = pg.dataSource().getConnection(); var s = c.createStatement();
        var rs = s.executeQuery("SELECT document FROM audit_outbox WHERE document LIKE '%"
            + objectId + "%'")) {
      int events = 0;
      while (rs.next()) {
        events++;
      }
      assertThat(events).as("object.put and object.get").isEqualTo(2);
    }
  }

  @Test
  void reading_needsThePermissionOfTheObjectsCategoryAndPurpose() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String objectId = admin.postBytes("/v1/subjects/" + subject + "/objects?category=biometric",
        "image/png", new byte[] {1, 2, 3}).json().path("id").asText();
    ApiClient accidentsOnly = admin.withKey(principals.create("svc-accidents", List.of(),
        List.of("objects:read:accident:accident-handling")).reveal());

    assertThat(accidentsOnly.getBytes("/v1/objects/" + objectId + "?purpose=accident-handling")
        .statusCode()).isEqualTo(403);
    assertThat(admin.getBytes("/v1/objects/" + objectId + "?purpose=no-such-purpose")
        .statusCode()).isEqualTo(422);
    assertThat(admin.postBytes("/v1/subjects/" + subject + "/objects?category=selfies",
        "image/png", new byte[] {1}).status()).isEqualTo(400);
  }

  @Test
  void deletion_removesTheContentFromTheBucket() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String objectId = admin.postBytes("/v1/subjects/" + subject + "/objects?category=identity",
        "application/pdf", "%PDF-1.7 scan".getBytes(StandardCharsets.US_ASCII)).json().path("id").asText();
    long filesBefore = countFiles();

    assertThat(admin.delete("/v1/objects/" + objectId).status()).isEqualTo(204);
    assertThat(countFiles()).isEqualTo(filesBefore - 1);
    assertThat(admin.getBytes("/v1/objects/" + objectId + "?purpose=account-management")
        .statusCode()).isEqualTo(404);
  }

  private long countFiles() throws Exception {
    try (var files = Files.walk(s3.directory())) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static byte[] jpegWithMarker(String marker, int size) {
    byte[] body = new byte[size];
    new Random(7).nextBytes(body);
    body[0] = (byte) 0xFF;
    body[1] = (byte) 0xD8;
    byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(m, 0, body, 1000, m.length);
    return body;
  }
}
