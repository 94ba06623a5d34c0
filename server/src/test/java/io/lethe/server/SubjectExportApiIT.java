package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.testsupport.leaks.PlaintextScanner;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A subject's export through HTTP: a zip of every record decrypted and every object's bytes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SubjectExportApiIT {

  private static final String NAME = "欧阳娜娜";
  private static final String ID_NUMBER = "11010519491231002X";
  private static final String MARKER = "EXPORT-PHOTO-MARKER-51ad";

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.registerSmall(registry, pg, s3, dataDir);
  }

  @LocalServerPort int port;
  ApiClient admin;

  @BeforeEach
  void adminClient() throws Exception {
    admin = ServerUnderTest.admin(port, dataDir);
  }

  @Test
  void theExport_holdsEveryRecordInPlain_andEveryObjectsBytes(CapturedOutput output)
      throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String account = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"%s",
         "idNumber":"%s","mobile":"+86 139 8765 4321"}}""".formatted(NAME, ID_NUMBER))
        .json().path("id").asText();
    byte[] photo = photo(200_000);
    String objectId = admin.postBytes("/v1/subjects/" + subject + "/objects?category=accident"
        + "&recordId=" + account, "image/jpeg", photo).json().path("id").asText();

    HttpResponse<byte[]> export = admin.getBytes("/v1/subjects/" + subject
        + "/export?purpose=data-subject-request");

    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(export.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment").contains("subject-" + subject + ".zip");
    Map<String, byte[]> entries = unzip(export.body());
    assertThat(entries.keySet()).containsExactly("subject.json",
        "objects/" + objectId + ".jpg");
    assertThat(entries.get("objects/" + objectId + ".jpg")).isEqualTo(photo);

    JsonNode doc = new ObjectMapper().readTree(entries.get("subject.json"));
    assertThat(doc.path("format").asText()).isEqualTo("lethe-export/1");
    assertThat(doc.path("subject").path("id").asText()).isEqualTo(subject);
    assertThat(doc.path("subject").path("status").asText()).isEqualTo("ACTIVE");
    assertThat(doc.path("subject").has("createdAt")).isTrue();
    assertThat(doc.path("subject").has("policyVersion")).isTrue();
    JsonNode fields = doc.path("records").get(0).path("fields");
    assertThat(doc.path("records").get(0).path("id").asText()).isEqualTo(account);
    // An open account's record is not dated yet, and says so.
    assertThat(doc.path("records").get(0).path("expiresAt").isNull()).isTrue();
    assertThat(doc.path("records").get(0).path("policyVersion").isNull()).isTrue();
    assertThat(fields.path("name").asText()).isEqualTo(NAME);
    assertThat(fields.path("idNumber").asText()).isEqualTo(ID_NUMBER);
    assertThat(fields.path("mobile").asText()).isEqualTo("13987654321");
    JsonNode object = doc.path("objects").get(0);
    assertThat(object.path("id").asText()).isEqualTo(objectId);
    assertThat(object.path("recordId").asText()).isEqualTo(account);
    assertThat(object.path("contentType").asText()).isEqualTo("image/jpeg");
    assertThat(object.path("size").asLong()).isEqualTo(photo.length);
    assertThat(object.path("file").asText()).isEqualTo("objects/" + objectId + ".jpg");

    String requestId = export.headers().firstValue("Lethe-Request-Id").orElseThrow();
    JsonNode request = admin.get("/v1/requests/" + requestId).json();
    assertThat(request.path("kind").asText()).isEqualTo("export");
    assertThat(request.path("policyVersion").asText())
        .isEqualTo(RetentionPolicy.defaultPolicy().version());
    assertThat(request.path("status").asText()).isEqualTo("DONE");
    assertThat(request.path("history")).extracting(s -> s.path("status").asText())
        .containsExactly("RECEIVED", "RUNNING", "DONE");

    assertThat(PlaintextScanner.scanTables(pg.dataSource(), NAME, ID_NUMBER, "13987654321",
        MARKER)).isEmpty();
    assertThat(output.getAll()).doesNotContain(NAME, ID_NUMBER, "13987654321", MARKER);
    assertThat(events("subject.export", subject)).isEqualTo(1);
  }

  @Test
  void onlyTheSubjectRequestPurposes_mayExport_andUnknownOrErasedSubjectsSayWhy()
      throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    ApiClient.Response badPurpose = admin.get("/v1/subjects/" + subject
        + "/export?purpose=account-management");
    assertThat(badPurpose.status()).isEqualTo(422);
    assertThat(badPurpose.json().path("code").asText()).isEqualTo("request.purpose-not-allowed");

    ApiClient.Response missing = admin.get("/v1/subjects/" + UUID.randomUUID()
        + "/export?purpose=data-subject-request");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("code").asText()).isEqualTo("storage.subject.not-found");
    assertThat(admin.get("/v1/subjects/not-a-uuid/export?purpose=data-subject-request").status())
        .isEqualTo(400);
    assertThat(admin.get("/v1/subjects/" + subject + "/export").status()).isEqualTo(400);

    ServerUnderTest.erase(admin, subject);
    ApiClient.Response erased = admin.get("/v1/subjects/" + subject
        + "/export?purpose=data-subject-request");
    assertThat(erased.status()).isEqualTo(410);
    assertThat(erased.json().path("code").asText()).isEqualTo("storage.subject.erased");
    assertThat(requestsOf(subject, "export")).isZero();
    assertThat(admin.withKey(null).get("/v3/api-docs").json().path("paths")
        .has("/v1/subjects/{id}/export")).isTrue();
  }

  private long events(String action, String subject) throws Exception {
    return count("SELECT COUNT(*) FROM audit_outbox WHERE document LIKE ? AND document LIKE ?",
        "%\"" + action + "\"%", "%" + subject + "%");
  }

  private long requestsOf(String subject, String kind) throws Exception {
    return count("SELECT COUNT(*) FROM data_subject_requests WHERE CAST(subject_id AS VARCHAR(36))"
        + " = ? AND kind = ?", subject, kind);
  }

  private long count(String sql, String... params) throws Exception {
    return ServerUnderTest.count(pg.dataSource(), sql, params);
  }

  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static byte[] photo(int size) {
    byte[] body = new byte[size];
    new Random(11).nextBytes(body);
    body[0] = (byte) 0xFF;
    body[1] = (byte) 0xD8;
    byte[] m = MARKER.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(m, 0, body, 5000, m.length);
    return body;
  }
}
