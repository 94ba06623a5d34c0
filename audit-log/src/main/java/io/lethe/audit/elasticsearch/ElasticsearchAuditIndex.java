package io.lethe.audit.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditException;
import io.lethe.audit.AuditIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * The audit index on Elasticsearch: monthly indices {@code lethe-audit-YYYY.MM} behind one index
 * template with a strict mapping. The only class that touches elasticsearch-java.
 */
public final class ElasticsearchAuditIndex implements AuditIndex, AutoCloseable {

  /** The index name prefix of a deployment that names none. */
  public static final String DEFAULT_PREFIX = "lethe-audit";

  private final RestClient restClient;
  private final ElasticsearchClient client;
  private final String prefix;

  private ElasticsearchAuditIndex(RestClient restClient, String prefix) {
    if (!prefix.matches("[a-z0-9][a-z0-9_-]{0,100}")) {
      throw new IllegalArgumentException("an index prefix is lower-case letters, digits, _ and -");
    }
    this.restClient = restClient;
    this.prefix = prefix;
    this.client = new ElasticsearchClient(
        new RestClientTransport(restClient, new JacksonJsonpMapper()));
  }

  /**
   * The audit trail under {@code prefix} ({@code <prefix>-YYYY.MM} indices) on the cluster at
   * {@code url}, e.g. {@code http://127.0.0.1:9200}. Deployments sharing a cluster use distinct
   * prefixes: each has its own chain.
   */
  public static ElasticsearchAuditIndex connect(String url, String prefix) {
    return new ElasticsearchAuditIndex(RestClient.builder(HttpHost.create(url)).build(), prefix);
  }

  /** {@code <prefix>-*}: every monthly index of this trail. */
  public String pattern() {
    return prefix + "-*";
  }

  @Override
  public void prepare() {
    try (InputStream template = getClass().getResourceAsStream("lethe-audit-template.json")) {
      client.indices().putIndexTemplate(t -> t.name(prefix).withJson(template)
          .indexPatterns(pattern()));
    } catch (IOException | RuntimeException e) {
      throw unavailable("The audit index template could not be installed", e);
    }
  }

  @Override
  public Set<String> index(List<Document> documents) {
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (Document d : documents) {
      // Sent as bytes: parsing each document into the client's JSON tree only to write it out
      // again took half the shipper's CPU (docs/benchmarks.md, Audit trail).
      BinaryData json = BinaryData.of(d.json().getBytes(StandardCharsets.UTF_8),
          ContentType.APPLICATION_JSON);
      bulk.operations(op -> op.index(i -> i.index(prefix + "-" + d.month()).id(d.id())
          .document(json)));
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

  /** Every indexed event in chain order, for {@code verify}. */
  public Iterator<JsonNode> inChainOrder() {
    Iterator<IndexedEvent> events = new ChainOrderIterator(client, pattern(), Long.MAX_VALUE, 1000);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return events.hasNext();
      }

      @Override
      public JsonNode next() {
        return events.next().document();
      }
    };
  }

  /** The indexed events whose sequence number is below {@code seq}, in chain order. */
  public Iterator<IndexedEvent> inChainOrderBelow(long seq) {
    return new ChainOrderIterator(client, pattern(), seq, 1000);
  }

  /** This trail's monthly indices by name, with the month each holds. */
  public java.util.SortedMap<String, java.time.YearMonth> monthlyIndices() {
    try {
      var response = client.indices().get(g -> g.index(pattern()).allowNoIndices(true)
          .ignoreUnavailable(true));
      java.util.SortedMap<String, java.time.YearMonth> months = new java.util.TreeMap<>();
      for (String name : response.result().keySet()) {
        String suffix = name.substring(prefix.length() + 1);
        if (suffix.matches("\\d{4}\\.\\d{2}")) {
          months.put(name, java.time.YearMonth.parse(suffix.replace('.', '-')));
        }
      }
      return months;
    } catch (IOException | RuntimeException e) {
      throw unavailable("The audit indices could not be listed", e);
    }
  }

  /** The chain link of the last event in {@code indices}; empty if they hold none. */
  public java.util.Optional<io.lethe.audit.chain.ChainLink> lastLinkIn(List<String> indices) {
    try {
      var r = client.search(s -> s.index(indices).size(1).sort(o -> o.field(f -> f
          .field("lethe.chain.seq").order(co.elastic.clients.elasticsearch._types.SortOrder.Desc))),
          com.fasterxml.jackson.databind.node.ObjectNode.class);
      return r.hits().hits().stream().findFirst().map(h -> {
        JsonNode chain = h.source().path("lethe").path("chain");
        return new io.lethe.audit.chain.ChainLink(chain.path("seq").asLong(),
            chain.path("prev").asText(), chain.path("hash").asText());
      });
    } catch (IOException | RuntimeException e) {
      throw unavailable("The audit indices could not be read", e);
    }
  }

  /** Deletes whole indices of this trail. */
  public void drop(List<String> indices) {
    for (String name : indices) {
      if (!name.startsWith(prefix + "-")) {
        throw new IllegalArgumentException(name + " is not an index of this trail");
      }
    }
    try {
      client.indices().delete(d -> d.index(indices));
    } catch (IOException | RuntimeException e) {
      throw unavailable("The audit indices could not be dropped", e);
    }
  }

  /** Search over this trail. */
  public io.lethe.audit.search.AuditSearch search() {
    return new ElasticsearchAuditSearch(client, pattern());
  }

  /** Makes everything indexed so far visible to search. */
  public void refresh() {
    try {
      client.indices().refresh(r -> r.index(pattern()).allowNoIndices(true).ignoreUnavailable(true));
    } catch (IOException | RuntimeException e) {
      throw unavailable("Elasticsearch could not refresh the audit indices", e);
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
