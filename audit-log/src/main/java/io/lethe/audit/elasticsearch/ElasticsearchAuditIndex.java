package io.lethe.audit.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditException;
import io.lethe.audit.AuditIndex;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * The audit index on Elasticsearch: monthly indices {@code lethe-audit-YYYY.MM} behind one index
 * template with a strict mapping. The only class that touches elasticsearch-java.
 */
public final class ElasticsearchAuditIndex implements AuditIndex, AutoCloseable {

  static final String TEMPLATE = "lethe-audit";

  private final RestClient restClient;
  private final ElasticsearchClient client;

  private ElasticsearchAuditIndex(RestClient restClient) {
    this.restClient = restClient;
    this.client = new ElasticsearchClient(
        new RestClientTransport(restClient, new JacksonJsonpMapper()));
  }

  /** An index on the cluster at {@code url}, e.g. {@code http://127.0.0.1:9200}. */
  public static ElasticsearchAuditIndex connect(String url) {
    return new ElasticsearchAuditIndex(RestClient.builder(HttpHost.create(url)).build());
  }

  @Override
  public void prepare() {
    try (InputStream template = getClass().getResourceAsStream("lethe-audit-template.json")) {
      client.indices().putIndexTemplate(t -> t.name(TEMPLATE).withJson(template));
    } catch (IOException | RuntimeException e) {
      throw unavailable("The audit index template could not be installed", e);
    }
  }

  @Override
  public Set<String> index(List<Document> documents) {
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (Document d : documents) {
      bulk.operations(op -> op.index(i -> i.index(d.index()).id(d.id())
          .document(JsonData.fromJson(d.json()))));
    }
    try {
      BulkResponse response = client.bulk(bulk.build());
      Set<String> confirmed = new HashSet<>();
      for (BulkResponseItem item : response.items()) {
        if (item.error() == null) {
          confirmed.add(item.id());
        }
      }
      return confirmed;
    } catch (IOException | RuntimeException e) {
      throw unavailable("Elasticsearch did not accept the audit batch", e);
    }
  }

  /** The client, for the search side of this package. */
  ElasticsearchClient client() {
    return client;
  }

  @Override
  public void close() {
    try {
      restClient.close();
    } catch (IOException e) {
      throw unavailable("The Elasticsearch client did not close cleanly", e);
    }
  }

  private static AuditException unavailable(String message, Exception cause) {
    return new AuditException(AuditErrorCode.INDEX_UNAVAILABLE, message, cause);
  }
}
