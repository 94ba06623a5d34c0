package io.lethe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A minimal HTTP client for black-box tests of the REST API. */
final class ApiClient {

  /** A response with its body parsed as JSON (null when empty). */
  record Response(int status, JsonNode json, HttpResponse<String> raw) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String apiKey;

  ApiClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  ApiClient withKey(String key) {
    return new ApiClient(baseUrl, key);
  }

  /** Follows the job run that {@code started} (202 {"runId"}) queued until it ends, up to 60 s. */
  JsonNode awaitRun(Response started) throws IOException, InterruptedException {
    if (started.status() != 202) {
      throw new AssertionError("the run was not started: " + started.status() + " "
          + started.json());
    }
    String runId = started.json().path("runId").asText();
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
    JsonNode run = null;
    while (java.time.Instant.now().isBefore(deadline)) {
      run = get("/v1/jobs/runs/" + runId).json();
      String status = run.path("status").asText();
      if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
        return run;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the run did not finish in 60 s: " + run);
  }

  Response get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  Response post(String path, String json) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json)));
  }

  Response patch(String path, String json) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  Response postBytes(String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  Response delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
    return apiKey == null ? b : b.header("Authorization", "Bearer " + apiKey);
  }

  private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
    JsonNode body = r.body().isEmpty() || !json ? null : JSON.readTree(r.body());
    return new Response(r.statusCode(), body, r);
  }
}
