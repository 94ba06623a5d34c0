package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.server.security.PrincipalStore;
import io.lethe.testsupport.leaks.PlaintextScanner;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Lookup by blind index, correction, deletion and expiry through the API, on PostgreSQL. Audit
 * events stay in the outbox here (no Elasticsearch), which is where this test reads them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RecordsApiIT {

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
  void lookupByMobile_findsTheRecord_whateverTheNotation() throws Exception {
    String mobile = "13700001111";
    String[] ids = account(mobile);

    ApiClient.Response found = admin.get("/v1/records?type=account&field=mobile"
        + "&value=%2B86%20137%200000%201111&purpose=account-management");
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().path("matches")).singleElement().satisfies(m -> {
      assertThat(m.path("recordId").asText()).isEqualTo(ids[1]);
      assertThat(m.path("subjectId").asText()).isEqualTo(ids[0]);
    });
    assertThat(admin.get("/v1/records?type=account&field=mobile&value=13700009999"
        + "&purpose=account-management").json().path("matches")).isEmpty();
  }

  @Test
  void lookup_isRefused_forFieldsThatAreNotSearchable_orPurposesThatMayNotSeeThem() throws Exception {
    ApiClient.Response notSearchable = admin.get("/v1/records?type=account&field=name"
        + "&value=x&purpose=account-management");
    assertThat(notSearchable.status()).isEqualTo(422);
    assertThat(notSearchable.json().path("code").asText()).isEqualTo("storage.field.not-searchable");

    ApiClient.Response wrongPurpose = admin.get("/v1/records?type=account&field=mobile"
        + "&value=13700001111&purpose=statistics");
    assertThat(wrongPurpose.status()).isEqualTo(403);

    ApiClient readOnly = admin.withKey(principals.create("svc-reader", List.of(),
        List.of("records:read:*:account-management")).reveal());
    assertThat(readOnly.get("/v1/records?type=account&field=mobile&value=13700001111"
        + "&purpose=account-management").status()).isEqualTo(403);
  }

  @Test
  void correction_keepsTheId_changesTheValueAndItsIndex_andIsAudited() throws Exception {
    String[] ids = account("13600002222");
    ApiClient.Response corrected = admin.patch("/v1/records/" + ids[1]
        + "?purpose=data-subject-request", "{\"fields\":{\"mobile\":\"13600003333\"}}");
    assertThat(corrected.status()).isEqualTo(200);
    assertThat(corrected.json().path("id").asText()).isEqualTo(ids[1]);
    assertThat(corrected.json().path("fields")).extracting(JsonNode::asText).containsExactly("mobile");

    assertThat(read(ids[1]).path("fields").path("mobile").asText()).isEqualTo("136****3333");
    assertThat(lookupMobile("13600002222")).isEmpty();
    assertThat(lookupMobile("13600003333")).hasSize(1);
    assertThat(outboxActions(ids[0])).contains("record.update");
    assertThat(PlaintextScanner.scanTables(pg.dataSource(), "13600002222", "13600003333")).isEmpty();
  }

  @Test
  void aRefusedCorrection_changesNothing() throws Exception {
    String[] ids = account("13500004444");
    ApiClient.Response invalid = admin.patch("/v1/records/" + ids[1]
        + "?purpose=data-subject-request", "{\"fields\":{\"mobile\":\"12\"}}");
    assertThat(invalid.status()).isEqualTo(422);

    ApiClient reader = admin.withKey(principals.create("svc-reader-2", List.of(),
        List.of("records:read:*:*")).reveal());
    ApiClient.Response denied = reader.patch("/v1/records/" + ids[1]
        + "?purpose=data-subject-request", "{\"fields\":{\"mobile\":\"13500005555\"}}");
    assertThat(denied.status()).isEqualTo(403);

    assertThat(read(ids[1]).path("fields").path("mobile").asText()).isEqualTo("135****4444");
  }

  @Test
  void deletion_makesTheRecordUnreadableAndUnfindable() throws Exception {
    String[] ids = account("13400006666");
    assertThat(admin.delete("/v1/records/" + ids[1]).status()).isEqualTo(204);

    ApiClient.Response gone = admin.get("/v1/records/" + ids[1] + "?purpose=account-management");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().path("code").asText()).isEqualTo("storage.record.not-found");
    assertThat(lookupMobile("13400006666")).isEmpty();
    assertThat(admin.delete("/v1/records/" + ids[1]).status()).isEqualTo(404);
    assertThat(outboxActions(ids[0])).contains("record.delete");
  }

  @Test
  void expiresAt_followsTheRetentionPolicy() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    Instant before = Instant.now();
    ApiClient.Response log = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"device-log","fields":{"loggedAt":"2026-11-23T10:00:00+08:00","deviceModel":"Mate 60"}}""");
    assertThat(log.status()).isEqualTo(201);
    Instant expires = Instant.parse(log.json().path("expiresAt").asText());
    assertThat(expires).isBetween(before.plus(Duration.ofDays(180)), before.plus(Duration.ofDays(185)));
    assertThat(log.json().path("policyVersion").asText())
        .isEqualTo(RetentionPolicy.defaultPolicy().version());

    String[] account = account("13300007777");
    try (var c = pg.dataSource().getConnection(); var s = c.createStatement();
        var rs = s.executeQuery("SELECT expires_at FROM records WHERE id = '" + account[1] + "'")) {
      rs.next();
      assertThat(rs.getObject(1)).as("an open account has no expiry yet").isNull();
    }
  }

  @Test
  void aSuspendedAccount_isNeitherReadNorWritten_untilResumed() throws Exception {
    String[] ids = account("13100009999");
    ApiClient.Response described = admin.get("/v1/subjects/" + ids[0]);
    assertThat(described.status()).isEqualTo(200);
    assertThat(described.json().path("status").asText()).isEqualTo("ACTIVE");
    assertThat(described.json().path("records").asLong()).isEqualTo(1);

    assertThat(admin.post("/v1/subjects/" + ids[0] + "/suspension", null).json()
        .path("status").asText()).isEqualTo("SUSPENDED");
    ApiClient.Response refused = admin.get("/v1/records/" + ids[1] + "?purpose=account-management");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("code").asText()).isEqualTo("storage.subject.suspended");
    assertThat(admin.get("/v1/subjects/" + ids[0]).json().path("status").asText())
        .isEqualTo("SUSPENDED");

    assertThat(admin.delete("/v1/subjects/" + ids[0] + "/suspension").json().path("status")
        .asText()).isEqualTo("ACTIVE");
    assertThat(admin.get("/v1/records/" + ids[1] + "?purpose=account-management").status())
        .isEqualTo(200);
    assertThat(outboxActions(ids[0])).contains("subject.suspend", "subject.resume");
  }

  @Test
  void theOpenApiDocument_describesTheContractPaths() throws Exception {
    ApiClient.Response docs = admin.withKey(null).get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.json().path("paths").fieldNames()).toIterable().contains("/v1/subjects",
        "/v1/subjects/{id}/records", "/v1/records/{id}", "/v1/records",
        "/v1/subjects/{id}/objects", "/v1/objects/{id}", "/v1/audit/events",
        "/v1/audit/touched-subjects", "/v1/audit/verify");
    assertThat(docs.json().path("components").path("securitySchemes").has("apiKey")).isTrue();
    assertThat(docs.json().path("paths").path("/v1/subjects/{id}/records").path("post")
        .path("responses").path("413").path("description").asText())
        .contains("request.too-large");
  }

  @Test
  void operationsEndpoints_needMetricsRead_butTheBareHealthCheckIsOpen() throws Exception {
    ApiClient anonymous = admin.withKey(null);
    assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    // The components' statuses, but nothing of the configuration (ADR 0014).
    assertThat(anonymous.get("/actuator/health").raw().body())
        .contains("\"database\"", "\"objectStore\"", "\"keyProvider\"")
        .doesNotContain(s3.secretKey(), s3.accessKey(), pg.jdbcUrl());
    assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);

    ApiClient service = admin.withKey(principals.create("svc-no-metrics", List.of(),
        List.of("records:read:*:*")).reveal());
    assertThat(service.get("/actuator/prometheus").status()).isEqualTo(403);

    account("13200008888");
    ApiClient.Response metrics = admin.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw().body()).contains("lethe_audit_outbox_backlog_events",
        "lethe_audit_outbox_lag_seconds").doesNotContain("13200008888");
  }

  private String[] account(String mobile) throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    ApiClient.Response r = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"王五",
         "idNumber":"11010519491231002X","mobile":"%s"}}""".formatted(mobile));
    assertThat(r.status()).isEqualTo(201);
    return new String[] {subject, r.json().path("id").asText()};
  }

  private JsonNode read(String recordId) throws Exception {
    return admin.get("/v1/records/" + recordId + "?purpose=account-management").json();
  }

  private JsonNode lookupMobile(String mobile) throws Exception {
    return admin.get("/v1/records?type=account&field=mobile&value=" + mobile
        + "&purpose=account-management").json().path("matches");
  }

  private List<String> outboxActions(String subjectId) throws Exception {
    List<String> actions = new ArrayList<>();
    try (var c = pg.dataSource().getConnection(); var s = c.prepareStatement(
        "SELECT document FROM audit_outbox WHERE document LIKE ? ORDER BY seq")) {
      s.setString(1, "%" + subjectId + "%");
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          actions.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(rs.getString(1))
              .path("event").path("action").asText());
        }
      }
    }
    return actions;
  }
}
