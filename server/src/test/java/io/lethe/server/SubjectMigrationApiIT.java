package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.WrappedKey;
import io.lethe.testsupport.leaks.PlaintextScanner;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Moving a subject under another KEK through HTTP: every field and object reads back the same,
 * only the new KEK unwraps the stored key, and refusals change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubjectMigrationApiIT {

  private static final String PASSPHRASE = "correct horse battery staple";

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.registerSmall(registry, pg, s3, dataDir);
    registry.add("lethe.keys.named-keks", () -> "region-b, tenant-c");
  }

  @LocalServerPort int port;
  ApiClient admin;

  @BeforeEach
  void adminClient() throws Exception {
    admin = ServerUnderTest.admin(port, dataDir);
  }

  @Test
  void aMigratedSubject_readsBackIdentically_andOnlyTheNewKekUnwrapsItsKey() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String record = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"司马懿",
         "idNumber":"11010519491231002X","mobile":"13711112222"}}""").json().path("id").asText();
    byte[] photo = new byte[150_000];
    new Random(3).nextBytes(photo);
    String object = admin.postBytes("/v1/subjects/" + subject + "/objects?category=identity",
        "image/jpeg", photo).json().path("id").asText();
    String before = admin.get("/v1/records/" + record + "?purpose=data-subject-request&view=plain")
        .json().path("fields").toString();
    WrappedKey old = storedKey(subject);
    // A legal hold does not block a migration: nothing is deleted.
    assertThat(admin.post("/v1/holds", """
        {"subjectId":"%s","reason":"Pending appeal","caseRef":"A-1"}""".formatted(subject))
        .status()).isEqualTo(201);

    ApiClient.Response moved = admin.post("/v1/subjects/" + subject + "/migration",
        "{\"kek\":\"region-b\"}");

    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().path("status").asText()).isEqualTo("DONE");
    assertThat(moved.json().path("kek").asText()).isEqualTo("region-b");
    WrappedKey now = storedKey(subject);
    assertThat(now.kekId()).isNotEqualTo(old.kekId());
    assertThat(admin.get("/v1/records/" + record + "?purpose=data-subject-request&view=plain")
        .json().path("fields").toString()).isEqualTo(before);
    assertThat(admin.getBytes("/v1/objects/" + object + "?purpose=data-subject-request").body())
        .isEqualTo(photo);

    KeyProvider defaultKek = keyring("keyring.lethe");
    KeyProvider regionB = keyring("keyring-region-b.lethe");
    assertThat(now.kekId()).isEqualTo(regionB.kekId());
    try (SecretBytes a = defaultKek.unwrap(old); SecretBytes b = regionB.unwrap(now)) {
      assertThat(b).isEqualTo(a);
    }
    WrappedKey relabelled = new WrappedKey(old.kekId(), now.kekVersion(), now.ciphertext());
    assertThatThrownBy(() -> defaultKek.unwrap(relabelled)).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> defaultKek.unwrap(now)).isInstanceOf(StorageException.class);

    String request = moved.json().path("requestId").asText();
    assertThat(admin.get("/v1/requests/" + request).json().path("kind").asText())
        .isEqualTo("migration");
    assertThat(PlaintextScanner.scanTables(pg.dataSource(), "司马懿", "13711112222")).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM audit_outbox WHERE document LIKE ? AND document LIKE ?",
        "%\"subject.migrate\"%", "%" + subject + "%")).isEqualTo(1);
  }

  @Test
  void refusals_sayWhy_andChangeNothing() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    WrappedKey before = storedKey(subject);
    String path = "/v1/subjects/" + subject + "/migration";

    ApiClient.Response unknown = admin.post(path, "{\"kek\":\"mars\"}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().path("code").asText()).isEqualTo("storage.key.kek-unknown");
    assertThat(unknown.json().path("detail").asText()).contains("region-b", "tenant-c");
    assertThat(admin.post(path, "{\"kek\":").json().path("code").asText())
        .isEqualTo("request.malformed");
    assertThat(admin.post(path, "{}").json().path("code").asText()).isEqualTo("request.invalid");
    assertThat(admin.post("/v1/subjects/nope/migration", "{\"kek\":\"region-b\"}").status())
        .isEqualTo(400);
    assertThat(admin.post("/v1/subjects/" + UUID.randomUUID() + "/migration",
        "{\"kek\":\"region-b\"}").json().path("code").asText())
        .isEqualTo("storage.subject.not-found");
    assertThat(storedKey(subject)).isEqualTo(before);
    assertThat(count("SELECT COUNT(*) FROM data_subject_requests WHERE kind = ?", "migration"))
        .as("no request row from a refusal").isEqualTo(countMigrationsDone());

    ServerUnderTest.erase(admin, subject);
    ApiClient.Response erased = admin.post(path, "{\"kek\":\"region-b\"}");
    assertThat(erased.status()).isEqualTo(410);
    assertThat(erased.json().path("code").asText()).isEqualTo("storage.subject.erased");
  }

  private long countMigrationsDone() throws Exception {
    return count("SELECT COUNT(*) FROM data_subject_requests WHERE kind = ? AND status = 'DONE'",
        "migration");
  }

  private KeyProvider keyring(String file) {
    return KeyProvider.localKeyring(dataDir.resolve("keys").resolve(file),
        PASSPHRASE.toCharArray());
  }

  private WrappedKey storedKey(String subject) throws Exception {
    try (var c = pg.dataSource().getConnection(); var ps = c.prepareStatement(
        "SELECT kek_id, kek_version, wrapped_key FROM subjects WHERE id = ?")) {
      ps.setObject(1, UUID.fromString(subject));
      try (var rs = ps.executeQuery()) {
        rs.next();
        return new WrappedKey(rs.getString(1), rs.getInt(2), rs.getString(3));
      }
    }
  }

  private long count(String sql, String... params) throws Exception {
    return ServerUnderTest.count(pg.dataSource(), sql, params);
  }
}
