package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.server.audit.AuditShipping;
import io.lethe.server.security.PrincipalStore;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/** The incident responder's side of the API, on real PostgreSQL and Elasticsearch. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditApiIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
    ServerUnderTest.shipTo(registry, es, "audit-api-it");
  }

  @LocalServerPort int port;
  @Autowired AuditShipping shipping;
  @Autowired PrincipalStore principals;
  ApiClient admin;

  @BeforeEach
  void adminClient() throws Exception {
    admin = ServerUnderTest.admin(port, dataDir);
  }

  /** Ships the outbox and makes it searchable now rather than after the next refresh. */
  void shipAndRefresh() throws Exception {
    shipping.drainNow();
    java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(es.url() + "/audit-api-it-*/_refresh"))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
  }

  @Test
  void aLeakedServiceKey_yieldsTheListOfPeopleItsHolderRead() throws Exception {
    ApiClient leaked = admin.withKey(principals.create("svc-leaky", List.of(),
        List.of("records:read:*:account-management")).reveal());
    Instant from = Instant.now().minus(1, ChronoUnit.MINUTES);
    String[] read = new String[2];
    for (int i = 0; i < 2; i++) {
      String subject = admin.post("/v1/subjects", null).json().path("id").asText();
      String record = admin.post("/v1/subjects/" + subject + "/records", """
          {"type":"account","fields":{"idType":"resident-id","name":"赵六",
           "idNumber":"11010519491231002X","mobile":"1390000000%d"}}""".formatted(i))
          .json().path("id").asText();
      assertThat(leaked.get("/v1/records/" + record + "?purpose=account-management").status())
          .isEqualTo(200);
      read[i] = subject;
    }
    admin.post("/v1/subjects", null);
    shipAndRefresh();

    ApiClient.Response report = admin.get("/v1/audit/touched-subjects?actor=svc-leaky&from="
        + from + "&to=" + Instant.now().plus(1, ChronoUnit.MINUTES));
    assertThat(report.status()).isEqualTo(200);
    assertThat(report.json().path("subjects")).extracting(s -> s.path("subjectId").asText())
        .containsExactlyInAnyOrder(read);
    assertThat(report.json().path("subjects").get(0).path("accesses").asLong()).isEqualTo(1);
  }

  @Test
  void searchBySubject_pagesItsEvents_andTheSearchIsItselfAudited() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String record = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"钱七",
         "idNumber":"11010519491231002X","mobile":"13911112222"}}""").json().path("id").asText();
    admin.get("/v1/records/" + record + "?purpose=account-management");
    shipAndRefresh();

    ApiClient.Response first = admin.get("/v1/audit/events?subjectId=" + subject + "&size=2");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("total").asLong()).isEqualTo(3);
    assertThat(first.json().path("events")).hasSize(2);
    ApiClient.Response second = admin.get("/v1/audit/events?subjectId=" + subject + "&size=2&after="
        + first.json().path("next").asText());
    assertThat(second.json().path("events")).singleElement()
        .satisfies(e -> assertThat(e.path("event").path("action").asText()).isEqualTo("record.read"));

    shipAndRefresh();
    ApiClient.Response searches = admin.get("/v1/audit/events?action=audit.search&subjectId=" + subject);
    assertThat(searches.json().path("events")).isNotEmpty();
  }

  @Test
  void export_streamsCsvAndJsonLines_withoutPersonalData() throws Exception {
    String subject = admin.post("/v1/subjects", null).json().path("id").asText();
    String record = admin.post("/v1/subjects/" + subject + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"周九",
         "idNumber":"11010519491231002X","mobile":"13933334444"}}""").json().path("id").asText();
    admin.get("/v1/records/" + record + "?purpose=account-management");
    shipAndRefresh();

    ApiClient.Response csv = admin.get("/v1/audit/export?format=csv&subjectId=" + subject);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = csv.raw().body().split("\r\n");
    assertThat(lines[0]).startsWith("@timestamp,event.id,event.action");
    assertThat(lines).hasSize(4);
    assertThat(lines[3]).contains("record.read", "account-management", subject,
        "idType;idNumber;name;mobile");

    ApiClient.Response jsonl = admin.get("/v1/audit/export?format=jsonl&subjectId=" + subject);
    assertThat(jsonl.raw().body().lines()).hasSize(3).allSatisfy(line ->
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line)
            .path("lethe").path("subject_id").asText()).isEqualTo(subject));
    assertThat(csv.raw().body() + jsonl.raw().body()).doesNotContain("周九", "13933334444",
        "11010519491231002X");

    assertThat(admin.get("/v1/audit/export?format=xml").status()).isEqualTo(400);
  }

  @Test
  void verify_reportsTheTrailIntact() throws Exception {
    admin.post("/v1/subjects", null);
    shipAndRefresh();
    ApiClient.Response verify = admin.post("/v1/audit/verify", null);
    assertThat(verify.status()).isEqualTo(200);
    assertThat(verify.json().path("status").asText()).isEqualTo("intact");
    assertThat(verify.json().path("events").asLong()).isPositive();
  }

  @Test
  void auditSearch_needsItsPermission_andBadFiltersGetAProblem() throws Exception {
    ApiClient service = admin.withKey(principals.create("svc-no-audit", List.of(),
        List.of("records:read:*:*")).reveal());
    assertThat(service.get("/v1/audit/events").status()).isEqualTo(403);

    ApiClient.Response badSize = admin.get("/v1/audit/events?size=5000");
    assertThat(badSize.status()).isEqualTo(400);
    assertThat(badSize.json().path("code").asText()).isEqualTo("request.invalid");
    ApiClient.Response badCursor = admin.get("/v1/audit/events?after=garbage!");
    assertThat(badCursor.status()).isEqualTo(400);
    JsonNode badTime = admin.get("/v1/audit/events?from=yesterday").json();
    assertThat(badTime.path("code").asText()).isEqualTo("request.invalid");
  }
}
