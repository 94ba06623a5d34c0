package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Roles from configuration: a new role, and a built-in one narrowed, apply to their holders. */
// Closed after the class: its settings are its own, and its connections go back to PostgreSQL.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "lethe.security.roles.schema-reader[0]=schema:read",
    "lethe.security.roles.service[0]=subjects:create"})
class ConfiguredRolesIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
  }

  @LocalServerPort int port;

  @Test
  void aConfiguredRole_grantsItsPermissions_andANarrowedBuiltInRole_grantsNoMore() throws Exception {
    ApiClient admin = ServerUnderTest.admin(port, dataDir);
    ApiClient reader = admin.withKey(admin.post("/v1/principals",
        "{\"name\":\"schema-reader\",\"roles\":[\"schema-reader\"]}").json().path("apiKey").asText());
    assertThat(reader.get("/v1/schema").status()).isEqualTo(200);
    assertThat(reader.get("/v1/jobs").status()).isEqualTo(403);

    ApiClient service = admin.withKey(admin.post("/v1/principals",
        "{\"name\":\"svc\",\"roles\":[\"service\"]}").json().path("apiKey").asText());
    String subject = service.post("/v1/subjects", null).json().path("id").asText();
    assertThat(service.get("/v1/subjects/" + subject).status())
        .as("subjects:read is no longer part of the configured service role").isEqualTo(403);

    assertThat(admin.post("/v1/principals", "{\"name\":\"x\",\"roles\":[\"auditor\"]}").json()
        .path("detail").asText()).contains("schema-reader").doesNotContain("auditor");
  }
}
