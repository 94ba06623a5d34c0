package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import io.lethe.testsupport.vault.VaultTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production key setup: subject keys wrapped by a KEK in Vault Transit (the Vault test
 * server), logged in with AppRole. When Vault is sealed, reads of subjects whose keys are not
 * cached fail closed with a 503 and a code, and recover when it is unsealed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VaultKeysServerIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;
  static final VaultTestServer vault = VaultTestServer.start();

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
    ServerUnderTest.keysFromVault(registry, vault);
    // A short cache so the sealed case reaches Vault; production keeps minutes.
    registry.add("lethe.keys.cache-ttl", () -> "1ms");
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  @LocalServerPort int port;

  @Test
  void subjectKeysAreWrappedByVault_andASealedVaultFailsReadsClosed_untilUnsealed() throws Exception {
    ApiClient admin = new ApiClient("http://127.0.0.1:" + port,
        Files.readString(dataDir.resolve("bootstrap-admin.key")).trim());
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String record = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"孙八",
         "idNumber":"11010519491231002X","mobile":"13922223333"}}""").json().path("id").asText();
    try (var c = pg.dataSource().getConnection(); var s = c.createStatement();
        var rs = s.executeQuery("SELECT wrapped_key FROM subjects WHERE id = '" + subject + "'")) {
      rs.next();
      assertThat(rs.getString(1)).startsWith("vault:v1:");
    }

    vault.seal();
    try {
      ApiClient.Response sealed = admin.get("/v1/records/" + record + "?purpose=account-management");
      assertThat(sealed.status()).isEqualTo(503);
      assertThat(sealed.json().path("code").asText()).isEqualTo("storage.key.vault-sealed");
      assertThat(sealed.raw().body()).doesNotContain("13922223333", "孙八");
      assertThat(admin.post("/v1/subjects", null).status()).isEqualTo(503);
    } finally {
      vault.unseal();
    }

    ApiClient.Response recovered = admin.get("/v1/records/" + record + "?purpose=account-management");
    assertThat(recovered.status()).isEqualTo(200);
    assertThat(recovered.json().path("fields").path("mobile").asText()).isEqualTo("139****3333");
  }
}
