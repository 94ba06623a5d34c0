package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * Closing and reopening an account and fulfilling a purpose through HTTP, as a backend service
 * does them: the expiry each sets, the writes a closed account refuses, the audit trail, and
 * problem bodies that never quote a stored value.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubjectClosureApiIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;

  static final String NAME = "周十一";
  static final String ID_NUMBER = "11010519491231002X";
  static final String POLICY_VERSION = RetentionPolicy.defaultPolicy().version();

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.registerSmall(registry, pg, s3, dataDir);
  }

  @LocalServerPort int port;
  ApiClient service;
  String subject;
  String account;
  String study;

  @BeforeEach
  void aServiceWithAnAccountAndAStudySession() throws Exception {
    ApiClient admin = ServerUnderTest.admin(port, dataDir);
    service = admin.withKey(admin.post("/v1/principals", "{\"name\":\"svc-" + UUID.randomUUID()
        + "\",\"roles\":[\"service\"]}").json().path("apiKey").asText());
    subject = service.post("/v1/subjects", null).json().path("id").asText();
    account = service.post("/v1/subjects/" + subject + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"%s",
         "idNumber":"%s","mobile":"13955556666"}}""".formatted(NAME, ID_NUMBER))
        .json().path("id").asText();
    study = service.post("/v1/subjects/" + subject + "/records", """
        {"type":"study-session","fields":{"courseType":"满分教育",
         "startedAt":"2026-11-23T10:00:00+08:00","sitePhotoObject":"o-1"}}""")
        .json().path("id").asText();
  }

  @Test
  void closing_datesTheAccountRecords_refusesNewData_andReopeningUndoesIt() throws Exception {
    ApiClient.Response closed = service.post("/v1/subjects/" + subject + "/closure", null);

    assertThat(closed.status()).as(closed.raw().body()).isEqualTo(200);
    assertThat(closed.json().path("id").asText()).isEqualTo(subject);
    assertThat(closed.json().path("recordsExpiring").asInt()).isEqualTo(1);
    Instant closedAt = Instant.parse(closed.json().path("closedAt").asText());
    assertThat(expiresAt(account)).isEqualTo(closedAt.plus(Duration.ofDays(30)).toString());
    assertThat(expiresAt(study)).isNull();
    assertThat(Instant.parse(service.get("/v1/subjects/" + subject).json().path("closedAt")
        .asText())).isEqualTo(closedAt);
    JsonNode dated = service.get("/v1/records/" + account + "?purpose=account-management").json();
    assertThat(Instant.parse(dated.path("expiresAt").asText()))
        .isEqualTo(closedAt.plus(Duration.ofDays(30)));
    assertThat(dated.path("policyVersion").asText()).isEqualTo(POLICY_VERSION);

    long records = records();
    assertProblem(service.post("/v1/subjects/" + subject + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"%s",
         "idNumber":"%s","mobile":"13955556666"}}""".formatted(NAME, ID_NUMBER)), 409,
        "storage.subject.closed");
    assertProblem(service.patch("/v1/records/" + account + "?purpose=account-management",
        "{\"fields\":{\"name\":\"" + NAME + "\"}}"), 409, "storage.subject.closed");
    assertProblem(service.postBytes("/v1/subjects/" + subject + "/objects?category=education",
        "image/jpeg", new byte[] {1, 2, 3}), 409, "storage.subject.closed");
    assertThat(records()).isEqualTo(records);
    assertThat(count("SELECT COUNT(*) FROM objects WHERE subject_id = '" + subject + "'"))
        .isZero();
    assertThat(service.get("/v1/records/" + account + "?purpose=account-management").status())
        .as("read until deleted").isEqualTo(200);
    assertProblem(service.post("/v1/subjects/" + subject + "/closure", null), 409,
        "lifecycle.closure.invalid");

    ApiClient.Response reopened = service.delete("/v1/subjects/" + subject + "/closure");

    assertThat(reopened.status()).isEqualTo(200);
    assertThat(reopened.json().path("closedAt").isNull()).isTrue();
    assertThat(reopened.json().path("recordsExpiring").asInt()).isZero();
    assertThat(expiresAt(account)).isNull();
    JsonNode undated = service.get("/v1/records/" + account + "?purpose=account-management")
        .json();
    assertThat(undated.path("expiresAt").isNull()).isTrue();
    assertThat(undated.path("policyVersion").isNull()).as("cleared with the expiry").isTrue();
    // Shown only when set: the summary leaves out what it does not have.
    assertThat(service.get("/v1/subjects/" + subject).json().has("closedAt")).isFalse();
    assertProblem(service.delete("/v1/subjects/" + subject + "/closure"), 409,
        "lifecycle.closure.invalid");
    assertThat(service.patch("/v1/records/" + account + "?purpose=account-management",
        "{\"fields\":{\"mobile\":\"13977778888\"}}").status()).isEqualTo(200);

    assertThat(audited("subject.close", "success", subject)).isOne();
    assertThat(audited("subject.close", "failure", subject)).isOne();
    assertThat(audited("subject.reopen", "success", subject)).isOne();
    assertThat(audited("subject.reopen", "failure", subject)).isOne();
  }

  @Test
  void fulfilment_datesAStudySession_andIsRefusedForAnAccountRecord() throws Exception {
    Instant before = Instant.now();
    ApiClient.Response done = service.post("/v1/records/" + study + "/fulfilment", null);

    assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
    assertThat(done.json().path("id").asText()).isEqualTo(study);
    Instant expiresAt = Instant.parse(done.json().path("expiresAt").asText());
    assertThat(expiresAt).isBetween(before.plus(Duration.ofDays(7)).minusSeconds(1),
        Instant.now().plus(Duration.ofDays(7)));
    assertThat(expiresAt(study)).isEqualTo(expiresAt.toString());
    assertThat(done.json().path("policyVersion").asText()).isEqualTo(POLICY_VERSION);

    ApiClient.Response refused = service.post("/v1/records/" + account + "/fulfilment", null);

    assertProblem(refused, 409, "lifecycle.trigger.not-applicable");
    assertThat(refused.json().path("detail").asText()).contains("account-lifetime",
        "subject-closed");
    assertThat(expiresAt(account)).isNull();
    assertProblem(service.post("/v1/records/" + UUID.randomUUID() + "/fulfilment", null), 404,
        "lifecycle.trigger.target-not-found");
    assertProblem(service.post("/v1/subjects/" + UUID.randomUUID() + "/closure", null), 404,
        "lifecycle.trigger.target-not-found");
    assertThat(audited("record.purpose-fulfilled", "success", study)).isOne();
    assertThat(audited("record.purpose-fulfilled", "failure", account)).isOne();
  }

  private static void assertProblem(ApiClient.Response r, int status, String code) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
    assertThat(r.json().path("code").asText()).isEqualTo(code);
    assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.raw().body()).doesNotContain(NAME, ID_NUMBER, "13955556666");
  }

  private long records() throws Exception {
    return count("SELECT COUNT(*) FROM records WHERE subject_id = '" + subject + "'");
  }

  private static long count(String sql) throws Exception {
    return Tally.count(pg.dataSource(), sql);
  }

  /** The expiry as an ISO instant, null if none. */
  private static String expiresAt(String record) throws Exception {
    try (var c = pg.dataSource().getConnection(); var ps = c.prepareStatement(
        "SELECT expires_at FROM records WHERE id = ?")) {
      ps.setObject(1, UUID.fromString(record));
      try (var rs = ps.executeQuery()) {
        rs.next();
        var t = rs.getObject(1, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant().toString();
      }
    }
  }

  private static long audited(String action, String outcome, String id) throws Exception {
    return Tally.events(pg.dataSource(), action, outcome).stream()
        .map(JsonNode::toString).filter(e -> e.contains(id)).count();
  }
}
