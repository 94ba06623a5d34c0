package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Principals, KEK rotation with rewrap, and the loaded schema and policy, over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdministrationApiIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
  }

  @LocalServerPort int port;
  ApiClient admin;

  @BeforeEach
  void adminClient() throws Exception {
    admin = ServerUnderTest.admin(port, dataDir);
  }

  @Test
  void aServicePrincipal_getsItsRolesPermissions_andStopsWorkingWhenRevoked() throws Exception {
    ApiClient.Response created = admin.post("/v1/principals",
        "{\"name\":\"svc-12123\",\"roles\":[\"service\"]}");
    assertThat(created.status()).isEqualTo(201);
    ApiClient service = admin.withKey(created.json().path("apiKey").asText());

    assertThat(service.post("/v1/subjects", null).status()).isEqualTo(201);
    assertThat(service.get("/v1/audit/events").status()).as("a service reads no audit trail")
        .isEqualTo(403);
    assertThat(admin.get("/v1/principals").json()).extracting(p -> p.path("name").asText())
        .contains("admin", "svc-12123");
    assertThat(admin.get("/v1/principals").raw().body()).doesNotContain(
        created.json().path("apiKey").asText());

    assertThat(admin.delete("/v1/principals/" + created.json().path("id").asText()).status())
        .isEqualTo(204);
    assertThat(service.post("/v1/subjects", null).status()).isEqualTo(401);

    assertThat(admin.post("/v1/principals", "{\"name\":\"x\",\"roles\":[\"root\"]}").status())
        .isEqualTo(400);
    assertThat(admin.post("/v1/principals", "{\"name\":\"svc-12123\",\"roles\":[\"service\"]}")
        .status()).as("names are unique").isEqualTo(400);
  }

  @Test
  void withoutAConfiguredKey_theFirstAdminsKeyIsWrittenToAnOwnerOnlyFile() throws Exception {
    java.nio.file.Path file = dataDir.resolve("bootstrap-admin.key");
    assertThat(java.nio.file.Files.getPosixFilePermissions(file))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    JsonNode principals = admin.get("/v1/principals").json();
    assertThat(principals).filteredOn(p -> p.path("name").asText().equals("admin"))
        .singleElement().satisfies(p -> assertThat(p.path("roles").toString())
            .isEqualTo("[\"admin\"]"));
  }

  @Test
  void kekRotation_rewrapsEverySubjectKey_andDataStaysReadable() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String record = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"郑一",
         "idNumber":"11010519491231002X","mobile":"13955556666"}}""").json().path("id").asText();
    int before = admin.get("/v1/keys").json().path("currentVersion").asInt();

    ApiClient.Response rotation = admin.post("/v1/keys/rotation", null);
    assertThat(rotation.status()).isEqualTo(202);
    JsonNode run = awaitRun(rotation.json().path("runId").asText());
    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.path("counts").path("failed").asLong()).isZero();

    JsonNode status = admin.get("/v1/keys").json();
    assertThat(status.path("currentVersion").asInt()).isEqualTo(before + 1);
    assertThat(status.path("subjectKeysOnOlderVersions").asLong()).isZero();
    assertThat(admin.get("/v1/records/" + record + "?purpose=account-management").json()
        .path("fields").path("mobile").asText()).isEqualTo("139****6666");
  }

  @Test
  void theLoadedSchemaAndPolicy_areDescribed_withoutAnyValue() throws Exception {
    JsonNode schema = admin.get("/v1/schema").json();
    assertThat(schema.path("recordTypes").path("account").path("fields").path("idNumber")
        .path("masking").asText()).isEqualTo("cn-id-number");
    assertThat(schema.path("purposes").has("accident-handling")).isTrue();
    JsonNode policy = admin.get("/v1/policies").json();
    assertThat(policy.path("retentionClasses").path("biometric-transient").path("period").asText())
        .isEqualTo("PT10M");
  }

  private JsonNode awaitRun(String runId) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode run = null;
    while (Instant.now().isBefore(deadline)) {
      run = admin.get("/v1/jobs/runs/" + runId).json();
      if (run.path("status").asText().matches("SUCCEEDED|FAILED|CANCELLED")) {
        return run;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the run did not finish: " + run);
  }
}
