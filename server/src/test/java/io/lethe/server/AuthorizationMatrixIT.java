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
    return Endpoints.all(ID).stream().map(e -> Arguments.of(e.method(), e.path(), e.body()));
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
