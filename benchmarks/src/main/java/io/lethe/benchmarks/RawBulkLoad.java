package io.lethe.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.audit.AuditEvent;
import io.lethe.audit.EcsDocument;
import io.lethe.audit.chain.CanonicalJson;
import io.lethe.audit.chain.ChainLink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The limit: documents identical in shape and size to what the shipper sends (ECS event plus
 * its chain link) bulk-loaded straight into the node by one synchronous client, with no outbox
 * and no chaining. Built once before timing, so only the node and the client are measured.
 */
final class RawBulkLoad {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int POOL = 20_000;

  private final LoadElasticsearch es;
  private final String index;
  private final int batchSize;
  private final List<byte[]> pool = new ArrayList<>(POOL);
  private int cursor;

  RawBulkLoad(LoadElasticsearch es, String prefix, int batchSize) throws Exception {
    this.es = es;
    this.batchSize = batchSize;
    String prev = ChainLink.GENESIS;
    String month = null;
    for (int i = 1; i <= POOL; i++) {
      AuditEvent e = LoadEvents.recordRead(UUID.randomUUID(), UUID.randomUUID());
      month = EcsDocument.monthOf(e.timestamp());
      String json = EcsDocument.toJson(e);
      ChainLink link = ChainLink.next(i, prev, CanonicalJson.of(json));
      prev = link.hash();
      ObjectNode doc = (ObjectNode) JSON.readTree(json);
      ObjectNode chain = ((ObjectNode) doc.path("lethe")).putObject("chain");
      chain.put("seq", link.seq());
      chain.put("prev", link.prev());
      chain.put("hash", link.hash());
      pool.add(doc.toString().getBytes(StandardCharsets.UTF_8));
    }
    this.index = prefix + "-" + month;
  }

  /** Bulk-loads for {@code nanos}; returns the documents the node confirmed. */
  long runFor(long nanos) throws Exception {
    long confirmed = 0;
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      confirmed += es.bulk(index, nextBatch());
    }
    return confirmed;
  }

  private List<byte[]> nextBatch() {
    List<byte[]> batch = new ArrayList<>(batchSize);
    for (int i = 0; i < batchSize; i++) {
      batch.add(pool.get(cursor));
      cursor = (cursor + 1) % pool.size();
    }
    return batch;
  }
}
