package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The anonymization job and the statistics read through the API, on PostgreSQL. The policy here
 * anonymizes accident records one second after they are stored; statistics list values held by
 * at least two records.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnonymizationApiIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;
  static Path policy;

  @BeforeAll
  static void shortPolicy() throws Exception {
    String yaml = new String(AnonymizationApiIT.class.getResourceAsStream(
        "/io/lethe/lifecycle/policy/default-policy.yaml").readAllBytes());
    String accident = "period: P3Y\n    countedFrom: record-created\n    action: anonymize";
    assertThat(yaml).contains(accident);
    policy = dataDir.resolve("policy.yaml");
    Files.writeString(policy, yaml.replace(accident, accident.replace("P3Y", "PT1S")));
  }

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
    registry.add("lethe.lifecycle.policy-file", () -> policy.toString());
    registry.add("lethe.statistics.min-count", () -> "2");
  }

  @LocalServerPort int port;
  ApiClient admin;

  @BeforeEach
  void adminClient() throws Exception {
    admin = ServerUnderTest.admin(port, dataDir);
  }

  @Test
  void anonymization_runsOnRequest_andStatisticsCountOnlyGeneralizedValues() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    List<String> records = new ArrayList<>();
    for (String address : List.of("广东省深圳市南山区科技园路1号", "广东省广州市天河区体育西路2号",
        "广东深圳市福田区深南大道3号", "北京市海淀区中关村大街27号")) {
      records.add(accident(subject, address));
    }
    Thread.sleep(1500); // the policy's one second, so the records are due

    assertThat(admin.get("/v1/jobs").json()).extracting(j -> j.path("name").asText())
        .contains("anonymization");
    JsonNode dry = admin.awaitRun(admin.post("/v1/jobs/anonymization/runs", "{\"dryRun\":true}"));
    assertThat(dry.path("counts").path("anonymized").asLong()).isEqualTo(4);
    assertThat(statistics("locationText").path("records").asLong()).isZero();

    JsonNode run = admin.awaitRun(admin.post("/v1/jobs/anonymization/runs", "{\"dryRun\":false}"));

    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.path("jobName").asText()).isEqualTo("anonymization");
    assertThat(run.path("policyVersion").asText()).isEqualTo("1");
    assertThat(run.path("counts").path("anonymized").asLong()).isEqualTo(4);
    for (String record : records) {
      assertThat(admin.get("/v1/records/" + record + "?purpose=accident-handling").status())
          .isEqualTo(404);
    }
    JsonNode places = statistics("locationText");
    assertThat(places.path("purpose").asText()).isEqualTo("statistics");
    assertThat(places.path("records").asLong()).isEqualTo(4);
    assertThat(places.path("counts").toString()).isEqualTo("{\"广东省\":3}");
    assertThat(places.path("suppressed").asLong()).isEqualTo(1); // 北京市, one record
    assertThat(places.path("minCount").asInt()).isEqualTo(2);
    assertThat(statistics("occurredAt").path("counts").toString())
        .isEqualTo("{\"2026-11\":4}");
    assertThat(statistics("otherPartyName").path("counts").size()).isZero(); // dropped
  }

  @Test
  void statistics_needTheirPermission_whichDpoHolds_andNameAFieldOfTheSchema() throws Exception {
    ApiClient dpo = admin.withKey(admin.post("/v1/principals",
        "{\"name\":\"dpo-stats\",\"roles\":[\"dpo\"]}").json().path("apiKey").asText());
    ApiClient service = admin.withKey(admin.post("/v1/principals",
        "{\"name\":\"svc-stats\",\"roles\":[\"service\"]}").json().path("apiKey").asText());

    assertThat(dpo.get("/v1/statistics?type=accident&field=occurredAt").status()).isEqualTo(200);
    ApiClient.Response denied = service.get("/v1/statistics?type=accident&field=occurredAt");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.json().path("code").asText()).isEqualTo("access.denied");
    ApiClient.Response unknown = admin.get("/v1/statistics?type=accident&field=shoeSize");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().path("code").asText()).isEqualTo("storage.field.unknown");
    JsonNode accidents = admin.get("/v1/policies").json().path("retentionClasses")
        .path("accident-record");
    assertThat(accidents.path("action").asText()).isEqualTo("anonymize");
    assertThat(accidents.path("anonymize").path("accident").path("occurredAt").asText())
        .isEqualTo("generalize(month)");
    assertThat(admin.withKey(null).get("/v3/api-docs").json().path("paths").fieldNames())
        .toIterable().contains("/v1/statistics", "/v1/jobs/{name}/runs");
  }

  @Test
  void purposeStatistics_isRefusedOnEveryPersonalDataEndpoint_withItsOwnCode() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String record = accident(subject, "广东省深圳市南山区科技园路1号");
    String object = admin.postBytes("/v1/subjects/" + subject + "/objects?category=accident",
        "image/jpeg", new byte[] {1, 2, 3}).json().path("id").asText();

    List<ApiClient.Response> refused = List.of(
        admin.get("/v1/records/" + record + "?purpose=statistics"),
        admin.get("/v1/records?type=account&field=mobile&value=13800000000&purpose=statistics"),
        admin.patch("/v1/records/" + record + "?purpose=statistics",
            "{\"fields\":{\"description\":\"x\"}}"),
        admin.get("/v1/objects/" + object + "?purpose=statistics"));

    for (ApiClient.Response r : refused) {
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().path("code").asText()).isEqualTo("purpose.statistics-only");
    }
    try (var c = pg.dataSource().getConnection(); var q = c.prepareStatement(
        "SELECT COUNT(*) FROM audit_outbox WHERE document LIKE ?")) {
      q.setString(1, "%\"purpose.statistics-only\"%");
      try (var rs = q.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("each refusal is an audit event").isEqualTo(4);
      }
    }
  }

  private String accident(String subject, String address) throws Exception {
    ApiClient.Response r = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"accident","fields":{"occurredAt":"2026-11-23T10:00:00+08:00",
         "locationText":"%s","ownPlate":"粤B12345","otherPartyName":"李四"}}"""
        .formatted(address));
    assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(201);
    return r.json().path("id").asText();
  }

  private JsonNode statistics(String field) throws Exception {
    ApiClient.Response r = admin.get("/v1/statistics?type=accident&field=" + field);
    assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
    return r.json();
  }
}
