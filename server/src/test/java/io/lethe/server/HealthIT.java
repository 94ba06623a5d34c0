package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import io.lethe.testsupport.vault.VaultTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /actuator/health} on the production components: each backing service is a component,
 * and an outage (sealed Vault, stopped Elasticsearch, stopped S3) turns it and the whole DOWN
 * (503) with a reason and a code, never a secret of the configuration.
 */
// Closed after the class: its settings are its own, and its connections go back to PostgreSQL.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();
  @TempDir static Path dataDir;
  static final VaultTestServer vault = VaultTestServer.start();
  static String[] appRole;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
    appRole = ServerUnderTest.keysFromVault(registry, vault);
    ServerUnderTest.shipTo(registry, es, "health-it");
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  @LocalServerPort int port;

  @Test
  void everyComponentIsReported_andEachOutageIsDownWithAReasonButNoSecret() throws Exception {
    ApiClient.Response up = health();
    assertThat(up.status()).as(up.raw().body()).isEqualTo(200);
    assertThat(up.json().path("status").asText()).isEqualTo("UP");
    for (String component : new String[] {"database", "objectStore", "keyProvider",
        "auditShipping"}) {
      assertThat(component(up, component).path("status").asText()).as(component).isEqualTo("UP");
    }

    vault.seal();
    try {
      ApiClient.Response sealed = health();
      assertThat(sealed.status()).isEqualTo(503);
      assertThat(component(sealed, "keyProvider").path("details").path("code").asText())
          .isEqualTo("storage.key.vault-sealed");
      assertThat(component(sealed, "keyProvider").path("details").path("reason").asText())
          .isEqualTo("Vault is sealed");
      assertNoSecret(sealed);
    } finally {
      vault.unseal();
    }
    assertThat(component(health(), "keyProvider").path("status").asText()).isEqualTo("UP");

    if (es.managed()) {
      es.stopNode();
      try {
        ApiClient.Response noEs = health();
        assertThat(noEs.status()).isEqualTo(503);
        assertThat(component(noEs, "auditShipping").path("details").path("code").asText())
            .isEqualTo("audit.index.unavailable");
        assertNoSecret(noEs);
      } finally {
        es.startNode();
      }
    }

    s3.server().close();
    ApiClient.Response noS3 = health();
    assertThat(noS3.status()).isEqualTo(503);
    assertThat(noS3.json().path("status").asText()).isEqualTo("DOWN");
    JsonNode objectStore = component(noS3, "objectStore");
    assertThat(objectStore.path("status").asText()).isEqualTo("DOWN");
    assertThat(objectStore.path("details").path("code").asText())
        .isEqualTo("storage.object.store-unavailable");
    assertThat(objectStore.path("details").path("reason").asText())
        .isEqualTo("the S3 endpoint does not answer");
    assertThat(component(noS3, "database").path("status").asText()).isEqualTo("UP");
    assertNoSecret(noS3);
  }

  private ApiClient.Response health() throws Exception {
    return new ApiClient("http://127.0.0.1:" + port, null).get("/actuator/health");
  }

  private static JsonNode component(ApiClient.Response health, String name) {
    return health.json().path("components").path(name);
  }

  private static void assertNoSecret(ApiClient.Response r) {
    assertThat(r.raw().body()).doesNotContain(s3.secretKey(), s3.accessKey(), appRole[0],
        appRole[1], vault.rootToken(), "correct horse battery staple", "Exception");
  }
}
