package io.lethe.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Lethe's REST API as the load calls it: one shared HTTP/1.1 client, keep-alive connections. */
final class HttpLoadApi {

  /** A response: its status and body (kept only to find ids and check the answer). */
  record Answer(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("the server answered something other than JSON", e);
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String url;
  private final String bearer;

  HttpLoadApi(String url, String apiKey) {
    this.url = url;
    this.bearer = "Bearer " + apiKey;
  }

  Answer createSubject() throws IOException, InterruptedException {
    return send(request("/v1/subjects").POST(HttpRequest.BodyPublishers.noBody()));
  }

  Answer createRecord(String subjectId, String type, Map<String, String> fields)
      throws IOException, InterruptedException {
    String body = JSON.writeValueAsString(Map.of("type", type, "fields", fields));
    return send(request("/v1/subjects/" + subjectId + "/records")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Answer uploadPhoto(String subjectId, String recordId, byte[] jpeg)
      throws IOException, InterruptedException {
    return send(request("/v1/subjects/" + subjectId + "/objects?category=accident&recordId="
        + recordId).header("Content-Type", "image/jpeg")
        .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)));
  }

  Answer readRecord(String recordId, String purpose) throws IOException, InterruptedException {
    return send(request("/v1/records/" + recordId + "?purpose=" + purpose).GET());
  }

  Answer lookup(String type, String field, String value, String purpose)
      throws IOException, InterruptedException {
    return send(request("/v1/records?type=" + type + "&field=" + field + "&value="
        + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&purpose=" + purpose).GET());
  }

  /** The export is a ZIP (fields and photos): read to the end, kept only when it is a problem. */
  Answer exportSubject(String subjectId) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(request("/v1/subjects/" + subjectId
        + "/export?purpose=data-subject-request").GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    boolean ok = r.statusCode() >= 200 && r.statusCode() < 300;
    return new Answer(r.statusCode(), ok ? "" : new String(r.body(), StandardCharsets.UTF_8));
  }

  Answer searchAudit(String subjectId) throws IOException, InterruptedException {
    return send(request("/v1/audit/events?subjectId=" + subjectId + "&size=20").GET());
  }

  /** A component's status in the open health check ({@code UP}, {@code DOWN}, ...), or "". */
  String health(String component) throws IOException, InterruptedException {
    Answer health = send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
        .timeout(TIMEOUT).GET());
    return health.body().startsWith("{")
        ? health.json().path("components").path(component).path("status").asText("") : "";
  }

  /** The OpenAPI document lists the endpoints this server has (it needs no key). */
  boolean hasEndpoint(String path) throws IOException, InterruptedException {
    Answer docs = send(HttpRequest.newBuilder(URI.create(url + "/v3/api-docs")).timeout(TIMEOUT)
        .GET());
    return docs.ok() && docs.json().path("paths").has(path);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url + path)).timeout(TIMEOUT)
        .header("Authorization", bearer);
  }

  private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(r.statusCode(), r.body());
  }
}
