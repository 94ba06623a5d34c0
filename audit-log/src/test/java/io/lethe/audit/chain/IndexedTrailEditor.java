package io.lethe.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * What an attacker with write access to Elasticsearch would do to the trail, through the node's
 * REST API, for tamper tests: find an indexed event by sequence number, change, delete, insert
 * and put it back.
 */
public final class IndexedTrailEditor {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String url;
  private final String prefix;

  /**
   * @param url the node
   * @param prefix the trail's index prefix; events are searched in {@code prefix-*}
   */
  public IndexedTrailEditor(String url, String prefix) {
    this.url = url;
    this.prefix = prefix;
  }

  /** The (first) hit claiming {@code seq}, with {@code _index}, {@code _id} and {@code _source}. */
  public JsonNode docAt(long seq) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/" + prefix
        + "-*/_search?q=lethe.chain.seq:" + seq)).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).path("hits").path("hits").get(0);
  }

  public static String id(JsonNode hit) {
    return hit.path("_id").asText();
  }

  /** Writes the hit back as it was, in its own index. */
  public void restore(JsonNode hit) throws Exception {
    send(hit.path("_index").asText(), "PUT", "/_doc/" + id(hit) + "?refresh=true",
        hit.path("_source").toString());
  }

  /** A request to {@code indexName + path}; fails the test unless the node answers 2xx. */
  public void send(String indexName, String method, String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/" + indexName
            + path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
  }
}
