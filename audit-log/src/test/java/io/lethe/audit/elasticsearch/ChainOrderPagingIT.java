package io.lethe.audit.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Paging through the trail in chain order must hand verify every document that claims a
 * sequence number, including a second one that falls on a page edge: that is what an inserted
 * event looks like.
 */
class ChainOrderPagingIT {

  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static RestClient rest;
  private static ElasticsearchClient client;

  @BeforeAll
  static void connect() {
    rest = RestClient.builder(HttpHost.create(es.url())).build();
    client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
  }

  @AfterAll
  static void close() throws Exception {
    rest.close();
  }

  @Test
  void aSecondDocumentForANumberOnAPageEdge_isStillReturned() throws Exception {
    String pattern = index("edge", 1, 2, 3, 3, 4, 5, 6, 7);
    // Pages of three: whichever copy of 3 ends the first page, the other one must follow.
    assertThat(seqs(new ChainOrderIterator(client, pattern, Long.MAX_VALUE, 3)))
        .containsExactly(1L, 2L, 3L, 3L, 4L, 5L, 6L, 7L);
    assertThat(seqs(new ChainOrderIterator(client, pattern, Long.MAX_VALUE, 2)))
        .containsExactly(1L, 2L, 3L, 3L, 4L, 5L, 6L, 7L);
  }

  @Test
  void aWholePageClaimingOneNumber_isPassedOnAndPagingMovesPastIt() throws Exception {
    String pattern = index("flood", 1, 2, 3, 3, 3, 4);
    List<Long> seen = seqs(new ChainOrderIterator(client, pattern, Long.MAX_VALUE, 2));
    assertThat(seen.stream().filter(s -> s == 3L).count()).isGreaterThanOrEqualTo(2);
    assertThat(seen).startsWith(1L, 2L, 3L, 3L).endsWith(4L).isSorted();
  }

  @Test
  void onlyNumbersBelowTheBound_areReturned() throws Exception {
    String pattern = index("below", 1, 2, 2, 3, 4, 5);
    assertThat(seqs(new ChainOrderIterator(client, pattern, 4, 2)))
        .containsExactly(1L, 2L, 2L, 3L);
  }

  /** Indexes one document per number into a fresh index; returns the pattern that finds it. */
  private static String index(String name, long... seqs) throws Exception {
    String indexName = "paging-it-" + name + "-2026.12";
    for (long seq : seqs) {
      ObjectNode doc = JSON.createObjectNode();
      doc.putObject("event").put("id", UUID.randomUUID().toString());
      doc.putObject("lethe").putObject("chain").put("seq", seq);
      client.index(i -> i.index(indexName).id(UUID.randomUUID().toString()).document(doc)
          .refresh(Refresh.True));
    }
    return "paging-it-" + name + "-*";
  }

  private static List<Long> seqs(Iterator<IndexedEvent> events) {
    List<Long> seqs = new ArrayList<>();
    events.forEachRemaining(e -> seqs.add(e.document().path("lethe").path("chain")
        .path("seq").asLong()));
    return seqs;
  }
}
