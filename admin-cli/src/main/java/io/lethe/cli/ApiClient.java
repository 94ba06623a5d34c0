package io.lethe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The REST API over {@link HttpClient}. Error answers become {@link ApiException} with the
 * problem's code; connection failures become {@link UnreachableException}. The key is sent only
 * as a bearer header and appears in no message.
 */
final class ApiClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String apiKey;
  private final HttpClient http;

  ApiClient(String baseUrl, String apiKey) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1)
        : baseUrl);
    this.apiKey = apiKey;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  JsonNode get(String path) {
    return json(send(request(path).GET()));
  }

  JsonNode post(String path, Object body) {
    return json(send(request(path).header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(write(body)))));
  }

  JsonNode delete(String path) {
    return json(send(request(path).DELETE()));
  }

  /** Streams a successful answer's body to {@code out}; returns the bytes copied. */
  long download(String path, OutputStream out) {
    HttpResponse<InputStream> response = exchange(request(path).GET(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() >= 400) {
        throw problem(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      return in.transferTo(out);
    } catch (IOException e) {
      throw new UnreachableException("the connection to " + base + " broke off: " + e, e);
    }
  }

  /** {@code path?k=v&...}, skipping null values, each encoded. */
  static String query(String path, Map<String, ?> params) {
    Map<String, Object> present = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (v != null) {
        present.put(k, v);
      }
    });
    if (present.isEmpty()) {
      return path;
    }
    return path + "?" + present.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()),
            StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofMinutes(5))
        .header("Authorization", "Bearer " + apiKey)
        .header("Accept", "application/json, application/problem+json, */*");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400) {
      throw problem(response.statusCode(), response.body());
    }
    return response;
  }

  private <T> HttpResponse<T> exchange(HttpRequest.Builder request,
      HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request.build(), handler);
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new UnreachableException("cannot connect to " + base, e);
    } catch (HttpTimeoutException e) {
      throw new UnreachableException("no answer from " + base + " in time", e);
    } catch (IOException e) {
      throw new UnreachableException("cannot talk to " + base + ": " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("interrupted while waiting for " + base, e);
    }
  }

  static ApiException problem(int status, String body) {
    JsonNode problem = null;
    try {
      problem = body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (IOException e) {
      // not a problem document: fall back to the status alone
    }
    if (problem == null || !problem.isObject()) {
      return new ApiException(status, "http." + status, "the server answered HTTP " + status, null);
    }
    String code = problem.path("code").asText("http." + status);
    String detail = problem.hasNonNull("detail") ? problem.get("detail").asText()
        : problem.path("title").asText("HTTP " + status);
    return new ApiException(status, code, detail, problem.path("requestId").asText(null));
  }

  private static JsonNode json(HttpResponse<String> response) {
    String body = response.body();
    if (body == null || body.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new ApiException(response.statusCode(), "cli.response-unreadable",
          "the server's answer is not JSON", null);
    }
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
