package io.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
  private static final Pattern STARTED = Pattern.compile("Started LetheServer in");

  @TempDir static Path dataDir;
  static Process server;
  static final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
  static String baseUrl;
  static String elasticsearchUrl;

  @BeforeAll
  static void startTheJar() throws Exception {
    Path jar = Path.of("target/lethe-server.jar").toAbsolutePath();
    // JUnit makes temp folders private; when the run is root, the node's own user must enter it.
    Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
    assertThat(jar).as("the packaged server (./mvnw package)").exists();
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-jar", jar.toString())
        .directory(dataDir.toFile())
        .redirectErrorStream(true);
    builder.environment().put("LETHE_DATA_DIR", dataDir.resolve("lethe-data").toString());
    builder.environment().put("LETHE_PORT", Integer.toString(port));
    builder.environment().put("LETHE_AUDIT_SHIP_INTERVAL", "200ms");
    server = builder.start();
    baseUrl = "http://127.0.0.1:" + port;
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread reader = new Thread(() -> readOutput(started), "server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      started.get(240, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("The server did not start; its output:\n"
          + String.join("\n", output), e);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
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
    assertThat(String.join("\n", output)).doesNotContain("11010519491231002X", "13912345678", "李四",
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

  private static void readOutput(CompletableFuture<Void> started) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.add(line);
        Matcher es = ES_URL.matcher(line);
        if (es.find()) {
          elasticsearchUrl = es.group(1);
        }
        if (STARTED.matcher(line).find()) {
          started.complete(null);
        }
      }
      started.completeExceptionally(new IllegalStateException("the server exited"));
    } catch (IOException e) {
      started.completeExceptionally(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
