package io.lethe.benchmarks;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * Elasticsearch as the load sees it from outside Lethe: refresh and count to learn what became
 * searchable, and the raw bulk that is the limit Lethe's shipping is compared with.
 */
final class LoadElasticsearch implements AutoCloseable {

  private final RestClient rest;
  private final ElasticsearchClient client;

  LoadElasticsearch(String url) {
    this.rest = RestClient.builder(HttpHost.create(url)).build();
    this.client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
  }

  /** Refreshes the indices of {@code pattern} and counts their documents: the searchable ones. */
  long searchable(String pattern) throws IOException {
    client.indices().refresh(r -> r.index(pattern).allowNoIndices(true).ignoreUnavailable(true));
    return client.count(c -> c.index(pattern).allowNoIndices(true).ignoreUnavailable(true)).count();
  }

  /**
   * One bulk request of ready JSON documents under fresh ids. The documents go as bytes, the
   * cheapest path the client has, so the raw figure is the node's limit, not the client's.
   *
   * @return the documents the node confirmed
   */
  int bulk(String index, List<byte[]> documents) throws IOException {
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (byte[] d : documents) {
      BinaryData data = BinaryData.of(d, ContentType.APPLICATION_JSON);
      bulk.operations(op -> op.index(i -> i.index(index).id(UUID.randomUUID().toString())
          .document(data)));
    }
    BulkResponse response = client.bulk(bulk.build());
    return (int) response.items().stream().filter(item -> item.error() == null).count();
  }

  /** Deletes the indices of {@code pattern} by name (wildcard deletes are refused by default). */
  void deleteIndices(String pattern) throws IOException {
    List<String> names = new ArrayList<>(client.indices().get(g -> g.index(pattern)
        .allowNoIndices(true).ignoreUnavailable(true)).result().keySet());
    if (!names.isEmpty()) {
      client.indices().delete(d -> d.index(names));
    }
  }

  @Override
  public void close() throws IOException {
    rest.close();
  }
}
