package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import io.lethe.testsupport.vault.VaultTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Vault unreachable, then Vault sealed: a read of a subject whose key is not cached, and every
 * write that needs a key, is refused with a 503 and a stable code; not a row, field, object or
 * success event is written; and the server serves again, unprompted, once Vault is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VaultOutageFailsClosedIT {

  private static final String ACCOUNT = """
      {"type":"account","fields":{"idType":"resident-id","name":"吴十",
       "idNumber":"11010519491231002X","mobile":"13977778888"}}""";

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;
  static final VaultTestServer vault = VaultTestServer.start();

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
    ServerUnderTest.keysFromVault(registry, vault);
    // Nothing stays cached, so every request below needs Vault.
    registry.add("lethe.keys.cache-ttl", () -> "1ms");
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  @LocalServerPort int port;

  @Test
  void vaultDown_failsClosedWith503_writesNothing_andRecoversWhenItIsBack() throws Exception {
    ApiClient admin = ServerUnderTest.admin(port, dataDir);
    Written written = new Written(admin);

    vault.stop();
    try {
      written.refusedWith(503, "storage.key.vault-unreachable");
    } finally {
      vault.restart();
    }
    written.servedAgain();
  }

  @Test
  void vaultSealed_failsClosedWith503_writesNothing_andRecoversWhenUnsealed() throws Exception {
    ApiClient admin = ServerUnderTest.admin(port, dataDir);
    Written written = new Written(admin);

    vault.seal();
    try {
      written.refusedWith(503, "storage.key.vault-sealed");
    } finally {
      vault.unseal();
    }
    written.servedAgain();
  }

  /** A subject with a record and a photo, and the counts of everything a write would add. */
  private final class Written {
    private final ApiClient admin;
    private final String subject;
    private final String record;
    private final String object;
    private final List<Long> before;

    Written(ApiClient admin) throws Exception {
      this.admin = admin;
      subject = admin.post("/v1/subjects", null).json().path("id").asText();
      record = admin.post("/v1/subjects/" + subject + "/records", ACCOUNT).json().path("id")
          .asText();
      object = admin.postBytes("/v1/subjects/" + subject + "/objects?category=accident",
          "image/jpeg", new byte[4096]).json().path("id").asText();
      before = counts();
    }

    void refusedWith(int status, String code) throws Exception {
      List<ApiClient.Response> refused = List.of(
          admin.get("/v1/records/" + record + "?purpose=account-management"),
          admin.get("/v1/objects/" + object + "?purpose=accident-handling"),
          admin.post("/v1/subjects", null),
          admin.post("/v1/subjects/" + subject + "/records", ACCOUNT),
          admin.patch("/v1/records/" + record + "?purpose=account-management",
              "{\"fields\":{\"mobile\":\"13900001111\"}}"),
          admin.postBytes("/v1/subjects/" + subject + "/objects?category=accident",
              "image/jpeg", new byte[4096]));
      for (ApiClient.Response r : refused) {
        assertThat(r.status()).as(r.raw().uri().toString()).isEqualTo(status);
        assertThat(r.json().path("code").asText()).isEqualTo(code);
        assertThat(r.raw().body()).doesNotContain("13977778888", "吴十", "13900001111",
            "\tat ", "Caused by");
      }
      assertThat(counts()).as("subjects, records, fields, objects, files, successes").isEqualTo(before);
      assertThat(Tally.events(pg.dataSource(), "record.read", "failure")).isNotEmpty();
    }

    void servedAgain() throws Exception {
      ApiClient.Response read = admin.get("/v1/records/" + record + "?purpose=account-management");
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json().path("fields").path("mobile").asText()).isEqualTo("139****8888");
      assertThat(admin.getBytes("/v1/objects/" + object + "?purpose=accident-handling")
          .statusCode()).isEqualTo(200);
      assertThat(admin.post("/v1/subjects/" + subject + "/records", ACCOUNT).status())
          .isEqualTo(201);
    }
  }

  private List<Long> counts() throws Exception {
    try (Stream<Path> files = Files.walk(s3.directory())) {
      return List.of(
          Tally.count(pg.dataSource(), "SELECT count(*) FROM subjects"),
          Tally.count(pg.dataSource(), "SELECT count(*) FROM records"),
          Tally.count(pg.dataSource(), "SELECT count(*) FROM record_fields"),
          Tally.count(pg.dataSource(), "SELECT count(*) FROM objects"),
          files.filter(Files::isRegularFile).count(),
          (long) Tally.outbox(pg.dataSource()).stream()
              .filter(e -> e.path("event").path("outcome").asText().equals("success")).count());
    }
  }
}
