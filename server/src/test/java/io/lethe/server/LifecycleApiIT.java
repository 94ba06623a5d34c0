package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * Legal holds, erasure and the retention sweep through the API, on PostgreSQL with Quartz's
 * JDBC job store. The policy here keeps device logs one second, so a sweep has work to do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LifecycleApiIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;
  static Path policy;

  @BeforeAll
  static void shortPolicy() throws Exception {
    String yaml = new String(LifecycleApiIT.class.getResourceAsStream(
        "/io/lethe/lifecycle/policy/default-policy.yaml").readAllBytes());
    policy = dataDir.resolve("policy.yaml");
    Files.writeString(policy, yaml.replace("period: P6M", "period: PT1S"));
  }

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
    registry.add("lethe.lifecycle.policy-file", () -> policy.toString());
  }

  @LocalServerPort int port;
  ApiClient admin;

  @BeforeEach
  void adminClient() throws Exception {
    admin = ServerUnderTest.admin(port, dataDir);
  }

  @Test
  void aHeldSubject_cannotBeErasedOrHaveRecordsDeleted_untilTheHoldIsReleased() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String record = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"吴十",
         "idNumber":"11010519491231002X","mobile":"13944445555"}}""").json().path("id").asText();
    ApiClient.Response hold = admin.post("/v1/holds", """
        {"subjectId":"%s","reason":"Traffic accident litigation","caseRef":"(2026)京0105民初123号"}"""
        .formatted(subject));
    assertThat(hold.status()).isEqualTo(201);
    String holdId = hold.json().path("id").asText();

    ApiClient.Response erasure = admin.post("/v1/subjects/" + subject + "/erasure", null);
    assertThat(erasure.status()).isEqualTo(409);
    assertThat(erasure.json().path("code").asText()).isEqualTo("lifecycle.held");
    assertThat(erasure.json().path("detail").asText()).contains("Traffic accident litigation");
    assertThat(admin.delete("/v1/records/" + record).status()).isEqualTo(409);
    assertThat(admin.get("/v1/holds").json()).extracting(h -> h.path("id").asText()).contains(holdId);

    assertThat(admin.delete("/v1/holds/" + holdId).status()).isEqualTo(200);
    ApiClient.Response erased = admin.post("/v1/subjects/" + subject + "/erasure", null);
    assertThat(erased.status()).isEqualTo(202);
    String requestId = erased.json().path("requestId").asText();
    assertThat(admin.post("/v1/subjects/" + subject + "/erasure", null).json().path("requestId")
        .asText()).as("asked twice, erased once").isEqualTo(requestId);
    JsonNode request = awaitRequest(requestId);
    assertThat(request.path("status").asText()).isEqualTo("DONE");
    assertThat(request.path("kind").asText()).isEqualTo("erasure");
    assertThat(request.path("history")).extracting(step -> step.path("status").asText())
        .containsExactly("RECEIVED", "RUNNING", "DONE");
    assertThat(admin.get("/v1/jobs/runs?job=erasure").json()).as("a run of the job did it")
        .anyMatch(run -> run.path("status").asText().equals("SUCCEEDED")
            && run.path("counts").path("deleted").asLong() == 1);

    ApiClient.Response gone = admin.get("/v1/records/" + record + "?purpose=account-management");
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.json().path("code").asText()).isEqualTo("storage.subject.erased");
    assertThat(admin.get("/v1/subjects/" + subject).json().path("status").asText()).isEqualTo("ERASED");
  }

  @Test
  void theRetentionSweep_deletesExpiredRecords_butNotHeldOnes_andADryRunChangesNothing()
      throws Exception {
    assertThat(admin.get("/v1/jobs").json()).extracting(j -> j.path("name").asText())
        .contains("retention-sweep", "biometric-purge");
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String expired = deviceLog(subject);
    String held = deviceLog(subject);
    admin.post("/v1/holds", """
        {"recordId":"%s","reason":"Fraud investigation","caseRef":"SEC-2026-77"}""".formatted(held));
    Thread.sleep(1500);

    JsonNode dry = admin.awaitRun(admin.post("/v1/jobs/retention-sweep/runs", "{\"dryRun\":true}"));
    assertThat(dry.path("dryRun").asBoolean()).isTrue();
    assertThat(admin.get("/v1/records/" + expired + "?purpose=security-risk-control").status())
        .as("a dry run changes nothing").isEqualTo(200);

    // An empty body is a real run: dryRun defaults to false.
    JsonNode run = admin.awaitRun(admin.post("/v1/jobs/retention-sweep/runs", "{}"));
    assertThat(run.path("dryRun").asBoolean()).isFalse();
    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.path("counts").path("deleted").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(run.path("counts").path("skippedForHold").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(admin.get("/v1/records/" + expired + "?purpose=security-risk-control").status())
        .isEqualTo(404);
    assertThat(admin.get("/v1/records/" + held + "?purpose=security-risk-control").status())
        .isEqualTo(200);
    assertThat(admin.get("/v1/jobs/runs?job=retention-sweep").json()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void retentionRedate_isListedWithoutASchedule_notFiredOnAnEmptyDatabase_andRunsOnRequest()
      throws Exception {
    assertThat(admin.get("/v1/jobs").json())
        .anySatisfy(job -> {
          assertThat(job.path("name").asText()).isEqualTo("retention-redate");
          assertThat(job.path("schedule").asText()).isEmpty();
        });
    // The server started on an empty database: nothing to date, so no run was fired at start.
    assertThat(admin.get("/v1/jobs/runs?job=retention-redate").json()).isEmpty();

    JsonNode run = admin.awaitRun(admin.post("/v1/jobs/retention-redate/runs", "{}"));
    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.path("dryRun").asBoolean()).isFalse();
    assertThat(run.path("policyVersion").asText()).isEqualTo("1");

    JsonNode dry = admin.awaitRun(admin.post("/v1/jobs/retention-redate/runs",
        "{\"dryRun\":true}"));

    assertThat(dry.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(dry.path("counts").path("redated").asLong()).isZero();
  }

  private String deviceLog(String subject) throws Exception {
    ApiClient.Response r = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"device-log","fields":{"loggedAt":"2026-11-23T10:00:00+08:00","deviceModel":"Mate 60"}}""");
    assertThat(r.status()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  @Test
  void serviceTermination_isRefusedWithoutItsPermission_andADryRunReportsHeldSubjects()
      throws Exception {
    String held = admin.post("/v1/subjects", null).json().path("id").asText();
    admin.post("/v1/holds", """
        {"subjectId":"%s","reason":"Regulator inquiry","caseRef":"REG-2026-5"}""".formatted(held));
    ApiClient operator = admin.withKey(admin.post("/v1/principals", """
        {"name":"ops-%s","roles":["responder"],"permissions":["jobs:run"]}""".formatted(
        java.util.UUID.randomUUID().toString().substring(0, 8))).json().path("apiKey").asText());

    ApiClient.Response refused = operator.post("/v1/jobs/service-termination/runs",
        "{\"dryRun\":true}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("detail").asText()).contains("service:terminate");

    JsonNode dry = admin.awaitRun(
        admin.post("/v1/jobs/service-termination/runs", "{\"dryRun\":true}"));
    assertThat(dry.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(dry.path("counts").path("skippedForHold").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(admin.get("/v1/subjects/" + held).json().path("status").asText())
        .isEqualTo("ACTIVE");
    assertThat(admin.get("/v1/jobs").json()).extracting(j -> j.path("name").asText())
        .contains("erasure", "tombstone-purge", "key-rewrap", "service-termination");
    assertThat(admin.withKey(null).get("/v3/api-docs").json().path("paths")
        .path("/v1/jobs/{name}/runs").path("post").path("description").asText())
        .contains("service:terminate");
  }

  private JsonNode awaitRequest(String requestId) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode request = null;
    while (Instant.now().isBefore(deadline)) {
      request = admin.get("/v1/requests/" + requestId).json();
      if (request.path("status").asText().equals("DONE")) {
        return request;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the request was not done in 60 s: " + request);
  }
}
