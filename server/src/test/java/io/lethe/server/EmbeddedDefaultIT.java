package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.testsupport.server.LetheServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command: the packaged jar started with {@code java -jar} and nothing else
 * configured. It must come up on H2, an in-process S3Proxy, a generated local keyring and its own
 * Elasticsearch node, serve the walking-skeleton path, and put the audit events in that node.
 */
class EmbeddedDefaultIT {

  private static final Pattern ES_URL =
      Pattern.compile("Elasticsearch \\S+ answers on (http://127\\.0\\.0\\.1:\\d+)");

  @TempDir static Path dataDir;
  static LetheServerProcess server;
  static String baseUrl;
  static String elasticsearchUrl;

  @BeforeAll
  static void startTheJar() throws Exception {
    // JUnit makes temp folders private; when the run is root, the node's own user must enter it.
    Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
    server = LetheServerProcess.in(dataDir).env("LETHE_AUDIT_SHIP_INTERVAL", "200ms").start();
    baseUrl = server.url();
    Matcher es = ES_URL.matcher(server.output());
    elasticsearchUrl = es.find() ? es.group(1) : null;
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void javaMinusJar_servesTheSkeletonPath_andAuditsToItsOwnElasticsearch() throws Exception {
    Path keyFile = dataDir.resolve("lethe-data/bootstrap-admin.key");
    assertThat(keyFile).exists();
    assertThat(Files.getPosixFilePermissions(keyFile))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    ApiClient api = new ApiClient(baseUrl, Files.readString(keyFile).trim());

    String subjectId = api.post("/v1/subjects", null).json().path("id").asText();
    ApiClient.Response record = api.post("/v1/subjects/" + subjectId + "/records", """
        {"type":"account","fields":{"idType":"resident-id","name":"李四",
         "idNumber":"11010519491231002X","mobile":"13912345678"}}""");
    assertThat(record.status()).isEqualTo(201);
    ApiClient.Response read = api.get("/v1/records/" + record.json().path("id").asText()
        + "?purpose=account-management");
    assertThat(read.json().path("fields").path("mobile").asText()).isEqualTo("139****5678");

    assertThat(elasticsearchUrl).as("the embedded node's URL in the server log").isNotNull();
    assertThat(awaitAuditEvents(subjectId, 3)).extracting(e -> e.path("event").path("action").asText())
        .containsExactlyInAnyOrder("subject.create", "record.create", "record.read");
    assertThat(server.output()).doesNotContain("11010519491231002X", "13912345678", "李四",
        Files.readString(keyFile).trim());
    assertThat(dataDir.resolve("lethe-data/db")).isDirectory();
    assertThat(dataDir.resolve("lethe-data/keys/keyring.lethe")).exists();
  }

  private static List<JsonNode> awaitAuditEvents(String subjectId, int expected) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<JsonNode> found = List.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      http.send(HttpRequest.newBuilder(URI.create(elasticsearchUrl + "/lethe-audit-*/_refresh"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(elasticsearchUrl
          + "/lethe-audit-*/_search?q=lethe.subject_id:" + subjectId)).build(),
          HttpResponse.BodyHandlers.ofString());
      List<JsonNode> sources = new ArrayList<>();
      new ObjectMapper().readTree(r.body()).path("hits").path("hits")
          .forEach(h -> sources.add(h.path("_source")));
      found = sources;
      if (found.size() >= expected) {
        return found;
      }
      Thread.sleep(250);
    }
    return found;
  }
}
