package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.server.security.PrincipalStore;
import io.lethe.testsupport.postgres.PostgresExtension;
import io.lethe.testsupport.s3.S3ProxyExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deny by default, endpoint by endpoint: without a key every path answers 401, and with a key
 * that holds no permission every path answers 403 with a problem naming what is missing — never
 * 2xx, never a 5xx, and the refusal is recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationMatrixIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension();
  @TempDir static Path dataDir;
  static final String ID = UUID.randomUUID().toString();

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ServerUnderTest.register(registry, pg, s3, dataDir);
  }

  @LocalServerPort int port;
  @Autowired PrincipalStore principals;
  static String nothingKey;
  static String nothingName;

  @BeforeEach
  void aPrincipalWithoutPermissions() {
    if (nothingKey == null) {
      nothingName = "svc-" + UUID.randomUUID().toString().substring(0, 8);
      nothingKey = principals.create(nothingName, List.of(), List.of()).reveal();
    }
  }

  static Stream<Arguments> endpoints() {
    return Stream.of(
        Arguments.of("POST", "/v1/subjects", null),
        Arguments.of("GET", "/v1/subjects/" + ID, null),
        Arguments.of("POST", "/v1/subjects/" + ID + "/records", "{\"type\":\"account\",\"fields\":{\"name\":\"x\"}}"),
        Arguments.of("POST", "/v1/subjects/" + ID + "/suspension", null),
        Arguments.of("DELETE", "/v1/subjects/" + ID + "/suspension", null),
        Arguments.of("POST", "/v1/subjects/" + ID + "/erasure", null),
        Arguments.of("GET", "/v1/subjects/" + ID + "/export?purpose=data-subject-request", null),
        Arguments.of("POST", "/v1/subjects/" + ID + "/migration", "{\"kek\":\"region-b\"}"),
        Arguments.of("POST", "/v1/subjects/" + ID + "/objects?category=accident", "x"),
        Arguments.of("GET", "/v1/records/" + ID + "?purpose=account-management", null),
        Arguments.of("GET", "/v1/records?type=account&field=mobile&value=13800000000&purpose=account-management", null),
        Arguments.of("PATCH", "/v1/records/" + ID + "?purpose=data-subject-request", "{\"fields\":{\"name\":\"x\"}}"),
        Arguments.of("DELETE", "/v1/records/" + ID, null),
        Arguments.of("GET", "/v1/objects/" + ID + "?purpose=accident-handling", null),
        Arguments.of("DELETE", "/v1/objects/" + ID, null),
        Arguments.of("GET", "/v1/requests/" + ID, null),
        Arguments.of("POST", "/v1/holds", "{\"subjectId\":\"" + ID + "\",\"reason\":\"r\",\"caseRef\":\"c\"}"),
        Arguments.of("GET", "/v1/holds", null),
        Arguments.of("DELETE", "/v1/holds/" + ID, null),
        Arguments.of("GET", "/v1/jobs", null),
        Arguments.of("POST", "/v1/jobs/retention-sweep/runs", "{\"dryRun\":true}"),
        Arguments.of("POST", "/v1/jobs/service-termination/runs", "{\"dryRun\":true}"),
        Arguments.of("GET", "/v1/jobs/runs/" + ID, null),
        Arguments.of("GET", "/v1/jobs/runs?job=retention-sweep", null),
        Arguments.of("POST", "/v1/jobs/anonymization/runs", "{\"dryRun\":true}"),
        Arguments.of("GET", "/v1/statistics?type=accident&field=locationText", null),
        Arguments.of("GET", "/v1/audit/events", null),
        Arguments.of("GET", "/v1/audit/counts", null),
        Arguments.of("GET", "/v1/audit/touched-subjects?actor=a&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", null),
        Arguments.of("GET", "/v1/audit/export", null),
        Arguments.of("POST", "/v1/audit/verify", null),
        Arguments.of("GET", "/v1/keys", null),
        Arguments.of("POST", "/v1/keys/rotation", null),
        Arguments.of("POST", "/v1/principals", "{\"name\":\"x\",\"roles\":[\"admin\"]}"),
        Arguments.of("GET", "/v1/principals", null),
        Arguments.of("DELETE", "/v1/principals/" + ID, null),
        Arguments.of("GET", "/v1/schema", null),
        Arguments.of("GET", "/v1/policies", null),
        Arguments.of("GET", "/actuator/prometheus", null));
  }

  @ParameterizedTest(name = "{0} {1} without a key → 401")
  @MethodSource("endpoints")
  void withoutAKey_everyEndpointAnswers401(String method, String path, String body)
      throws Exception {
    HttpResponse<String> r = send(method, path, body, null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("\"code\":\"auth.missing\"");
  }

  @ParameterizedTest(name = "{0} {1} without the permission → 403")
  @MethodSource("endpoints")
  void withoutThePermission_everyEndpointAnswers403(String method, String path, String body)
      throws Exception {
    long refusalsBefore = refusalsOnRecord();
    HttpResponse<String> r = send(method, path, body, nothingKey);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    assertThat(r.body()).contains("\"code\":\"access.denied\"").contains("permission");
    assertThat(refusalsOnRecord()).as("the refusal is an audit event").isEqualTo(refusalsBefore + 1);
  }

  private long refusalsOnRecord() throws Exception {
    try (var c = pg.dataSource().getConnection(); var s = c.prepareStatement(
        "SELECT COUNT(*) FROM audit_outbox WHERE document LIKE ? AND document LIKE ?")) {
      s.setString(1, "%\"code\":\"access.denied\"%");
      s.setString(2, "%\"name\":\"" + nothingName + "\"%");
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private HttpResponse<String> send(String method, String path, String body, String key)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", body.startsWith("{") ? "application/json" : "image/jpeg");
    }
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
