package io.lethe.testsupport.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw HTTP against the test server, so tests see exact statuses, headers and bytes. */
final class RawVault {

  static final ObjectMapper JSON = new ObjectMapper();

  record Response(int status, String body, HttpHeaders headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    JsonNode data() {
      return json().get("data");
    }

    String contentType() {
      return headers.firstValue("Content-Type").orElse(null);
    }
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String address;
  private final String token;

  RawVault(String address, String token) {
    this.address = address;
    this.token = token;
  }

  RawVault as(String otherToken) {
    return new RawVault(address, otherToken);
  }

  Response get(String path) {
    return send("GET", path, null);
  }

  Response list(String path) {
    return send("LIST", path, null);
  }

  Response delete(String path) {
    return send("DELETE", path, null);
  }

  Response post(String path, String body) {
    return send("POST", path, body);
  }

  /** {@code headers} are name/value pairs sent in addition to (or, when named, instead of) the token. */
  Response send(String method, String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(address + "/v1/" + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    boolean tokenOverridden = false;
    for (int i = 0; i < headers.length; i += 2) {
      tokenOverridden |= headers[i].equalsIgnoreCase("X-Vault-Token") || headers[i].equalsIgnoreCase("Authorization");
      if (!headers[i].equalsIgnoreCase("X-Vault-Token") || !headers[i + 1].isEmpty()) {
        b.header(headers[i], headers[i + 1]);
      }
    }
    if (token != null && !tokenOverridden) {
      b.header("X-Vault-Token", token);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
