package io.lethe.server.audit;

import io.lethe.audit.AuditErrorCode;
import io.lethe.audit.AuditException;
import io.lethe.audit.chain.ChainVerifier;
import io.lethe.audit.chain.Checkpoint;
import io.lethe.audit.chain.CheckpointSigner;
import io.lethe.audit.chain.VerificationResult;
import io.lethe.audit.elasticsearch.ElasticsearchAuditIndex;
import io.lethe.audit.outbox.CheckpointStore;
import io.lethe.audit.retention.ChainFloorStore;
import io.lethe.audit.search.AuditSearch;
import io.lethe.server.config.AuditConfiguration.AuditCluster;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** The search and verify side of the trail, available when an Elasticsearch is configured. */
@Component
public class AuditQueries {

  private final AuditCluster cluster;
  private final CheckpointStore checkpoints;
  private final CheckpointSigner signer;
  private final ChainFloorStore floors;

  AuditQueries(AuditCluster cluster, DataSource dataSource, CheckpointSigner signer) {
    this.cluster = cluster;
    this.checkpoints = new CheckpointStore(dataSource);
    this.signer = signer;
    this.floors = new ChainFloorStore(dataSource);
  }

  public AuditSearch search() {
    return index().search();
  }

  /**
   * Reads the checkpoints, then makes what was shipped searchable. A checkpoint is committed
   * only after the index confirmed its events, so a refresh after reading it shows every event
   * it names. Refreshing first let a batch shipped in between look removed: a verify racing the
   * shipper (which ships its own audit event) reported a gap on an intact trail.
   */
  public VerificationResult verify() {
    ElasticsearchAuditIndex index = index();
    List<Checkpoint> signed = checkpoints.all();
    index.refresh();
    return new ChainVerifier(signer).verify(index.inChainOrder(), signed, floors.current());
  }

  private ElasticsearchAuditIndex index() {
    return cluster.index().orElseThrow(() -> new AuditException(AuditErrorCode.INDEX_UNAVAILABLE,
        "No audit Elasticsearch is configured (lethe.audit.elasticsearch-mode is off)", null));
  }
}
