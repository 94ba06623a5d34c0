package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.server.audit.AuditShipping;
import io.lethe.server.security.PrincipalStore;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.leaks.LogCapture;
import io.lethe.testsupport.leaks.PlaintextScanner;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The thin slice through every layer on the production components: PostgreSQL, S3 (S3Proxy),
 * Elasticsearch, the local keyring. Create a subject, store an account record, read it masked,
 * and find one audit event per access in Elasticsearch, with no plaintext anywhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WalkingSkeletonIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();
  @RegisterExtension static final LogCapture logs = new LogCapture();
  @TempDir static Path dataDir;

  static final String NAME = "张三丰";
  static final String ID_NUMBER = "11010519491231002X";
  static final String MOBILE = "13812345678";

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
    ServerUnderTest.shipTo(registry, es, "skeleton-it");
  }

  @LocalServerPort int port;
  @Autowired AuditShipping shipping;
  @Autowired PrincipalStore principals;
  ApiClient admin;

  @BeforeEach
  void adminClient() throws Exception {
    admin = ServerUnderTest.admin(port, dataDir);
  }

  @Test
  void accountRecord_isStoredEncrypted_readMasked_andEveryAccessIsInElasticsearch() throws Exception {
    ApiClient.Response subject = admin.post("/v1/subjects", null);
    assertThat(subject.status()).isEqualTo(201);
    assertThat(subject.json().path("status").asText()).isEqualTo("ACTIVE");
    String subjectId = subject.json().path("id").asText();

    ApiClient.Response created = admin.post("/v1/subjects/" + subjectId + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"%s","idNumber":"%s",
         "mobile":"+86 138 1234 5678"}}""".formatted(NAME, ID_NUMBER));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().has("expiresAt")).isTrue();
    String recordId = created.json().path("id").asText();

    ApiClient.Response read = admin.get("/v1/records/" + recordId + "?purpose=account-management");
    assertThat(read.status()).isEqualTo(200);
    JsonNode fields = read.json().path("fields");
    assertThat(fields.path("idNumber").asText()).isEqualTo("110***********002X");
    assertThat(fields.path("mobile").asText()).isEqualTo("138****5678");
    assertThat(fields.path("name").asText()).isEqualTo("张**");

    shipping.drainNow();
    List<JsonNode> events = auditEventsOf(subjectId);
    assertThat(events).extracting(e -> e.path("event").path("action").asText())
        .containsExactlyInAnyOrder("subject.create", "record.create", "record.read");
    assertThat(events).allSatisfy(e -> {
      assertThat(e.path("user").path("name").asText()).isEqualTo("admin");
      assertThat(e.path("event").path("outcome").asText()).isEqualTo("success");
    });

    assertThat(PlaintextScanner.scanTables(pg.dataSource(), NAME, ID_NUMBER, MOBILE)).isEmpty();
    assertThat(events.toString()).doesNotContain(NAME, ID_NUMBER, MOBILE, "12345678");
    assertThat(logs.text()).doesNotContain(NAME, ID_NUMBER, MOBILE, "12345678");
    assertThat(auditEvents("%22" + subjectId + "%22")).as("the same search finds ids").hasSize(3);
    for (String plaintext : List.of(NAME, ID_NUMBER, MOBILE)) {
      assertThat(auditEvents("%22" + java.net.URLEncoder.encode(plaintext,
          java.nio.charset.StandardCharsets.UTF_8) + "%22"))
          .as("a full-text search of every audit index finds no value").isEmpty();
    }
  }

  @Test
  void aPlainRead_needsItsOwnPermission_andOnlyPermittedCategoriesAreShown() throws Exception {
    String subjectId = admin.post("/v1/subjects", null).json().path("id").asText();
    String recordId = admin.post("/v1/subjects/" + subjectId + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"%s","idNumber":"%s",
         "mobile":"%s"}}""".formatted(NAME, ID_NUMBER, MOBILE)).json().path("id").asText();
    ApiClient contactOnly = admin.withKey(principals.create("svc-contact", List.of(),
        List.of("records:read:contact:account-management")).reveal());

    ApiClient.Response masked = contactOnly.get("/v1/records/" + recordId + "?purpose=account-management");
    assertThat(masked.status()).isEqualTo(200);
    assertThat(masked.json().path("fields").fieldNames()).toIterable().containsExactly("mobile");
    assertThat(masked.json().path("withheld")).extracting(JsonNode::asText)
        .contains("idNumber", "name");

    ApiClient.Response plain = contactOnly.get("/v1/records/" + recordId
        + "?purpose=account-management&view=plain");
    assertThat(plain.status()).isEqualTo(403);
    assertThat(plain.json().path("code").asText()).isEqualTo("access.denied");

    ApiClient.Response adminPlain = admin.get("/v1/records/" + recordId
        + "?purpose=account-management&view=plain");
    assertThat(adminPlain.json().path("fields").path("idNumber").asText()).isEqualTo(ID_NUMBER);
  }

  @Test
  void requestsWithoutAValidKey_areRefusedWithAProblem_andAudited() throws Exception {
    ApiClient anonymous = admin.withKey(null);
    ApiClient.Response missing = anonymous.post("/v1/subjects", null);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(missing.json().path("code").asText()).isEqualTo("auth.missing");

    ApiClient.Response forged = admin.withKey("lth_0123456789ab_" + "A".repeat(43))
        .post("/v1/subjects", null);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.json().path("code").asText()).isEqualTo("auth.invalid");

    ApiClient nothing = admin.withKey(principals.create("svc-nothing", List.of(),
        List.of()).reveal());
    ApiClient.Response denied = nothing.post("/v1/subjects", null);
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.json().path("detail").asText()).contains("subjects:create");

    shipping.drainNow();
    assertThat(auditEvents("error.code:%22auth.invalid%22")).isNotEmpty()
        .allSatisfy(e -> assertThat(e.path("event").path("outcome").asText()).isEqualTo("failure"));
    assertThat(auditEvents("user.name:svc-nothing")).singleElement()
        .satisfies(e -> assertThat(e.path("error").path("code").asText()).isEqualTo("access.denied"));
  }

  @Test
  void anInvalidIdNumber_isRefusedByFieldName_withoutEchoingIt_andNothingIsWritten() throws Exception {
    String subjectId = admin.post("/v1/subjects", null).json().path("id").asText();
    String badId = "110105194912310021";

    ApiClient.Response refused = admin.post("/v1/subjects/" + subjectId + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"%s","idNumber":"%s",
         "mobile":"%s"}}""".formatted(NAME, badId, MOBILE));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("code").asText()).isEqualTo("storage.field.invalid");
    assertThat(refused.json().path("detail").asText()).contains("idNumber").doesNotContain(badId);
    assertThat(PlaintextScanner.scanTables(pg.dataSource(), badId)).isEmpty();
    assertThat(logs.events()).isPositive();
    assertThat(logs.text()).doesNotContain(badId, NAME, ID_NUMBER, MOBILE);
    try (var c = pg.dataSource().getConnection(); var s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM records WHERE subject_id = '" + subjectId + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void malformedJson_getsAProblem_neverAStackTrace() throws Exception {
    String subjectId = admin.post("/v1/subjects", null).json().path("id").asText();
    ApiClient.Response r = admin.post("/v1/subjects/" + subjectId + "/records", "{\"type\":");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("request.malformed");
    assertThat(r.raw().body()).doesNotContain("Exception", "at io.", "at org.");

    ApiClient.Response notUuid = admin.get("/v1/records/not-a-uuid?purpose=account-management");
    assertThat(notUuid.status()).isEqualTo(400);
    assertThat(notUuid.json().path("code").asText()).isEqualTo("request.invalid");
  }

  private List<JsonNode> auditEventsOf(String subjectId) throws Exception {
    return auditEvents("lethe.subject_id:" + subjectId);
  }

  private List<JsonNode> auditEvents(String query) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    http.send(HttpRequest.newBuilder(URI.create(es.url() + "/skeleton-it-*/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(es.url()
            + "/skeleton-it-*/_search?size=100&q=" + query)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode hits = new ObjectMapper().readTree(r.body()).path("hits").path("hits");
    List<JsonNode> sources = new java.util.ArrayList<>();
    hits.forEach(h -> sources.add(h.path("_source")));
    return sources;
  }
}
