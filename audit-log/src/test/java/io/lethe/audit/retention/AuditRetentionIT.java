package io.lethe.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.audit.AuditEvent;
import io.lethe.audit.chain.ChainVerifier;
import io.lethe.audit.chain.CheckpointSigner;
import io.lethe.audit.chain.TestSigner;
import io.lethe.audit.chain.VerificationResult;
import io.lethe.audit.elasticsearch.ElasticsearchAuditIndex;
import io.lethe.audit.outbox.AuditMigrations;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.audit.outbox.AuditShipper;
import io.lethe.audit.outbox.CheckpointStore;
import io.lethe.testsupport.elasticsearch.ElasticsearchExtension;
import io.lethe.testsupport.postgres.PostgresExtension;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dropping expired monthly indices keeps the rest of the trail verifiable. */
class AuditRetentionIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();

  @Test
  void indicesOlderThanTheRetention_areDropped_andTheRestStillVerifies() throws Exception {
    AuditMigrations.migrate(pg.dataSource());
    CheckpointSigner signer = TestSigner.create();
    try (ElasticsearchAuditIndex index = ElasticsearchAuditIndex.connect(es.url(), "retention-it")) {
      index.prepare();
      AuditShipper shipper = new AuditShipper(pg.dataSource(), index, 2, signer);
      try (Connection c = pg.dataSource().getConnection()) {
        c.setAutoCommit(false);
        for (String at : List.of("2026-03-10T00:00:00Z", "2026-03-20T00:00:00Z",
            "2026-04-15T00:00:00Z", "2026-11-01T00:00:00Z", "2026-11-20T00:00:00Z")) {
          new AuditOutbox().append(c, AuditEvent.builder("record.read", AuditEvent.Outcome.SUCCESS)
              .timestamp(Instant.parse(at)).build());
        }
        c.commit();
      }
      shipper.drain();
      assertThat(index.monthlyIndices()).containsOnlyKeys("retention-it-2026.03",
          "retention-it-2026.04", "retention-it-2026.11");

      Clock now = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
      AuditRetention.Report report = new AuditRetention(pg.dataSource(), index,
          Duration.ofDays(180), now, signer).dropExpired();

      assertThat(report.dropped()).containsExactly("retention-it-2026.03", "retention-it-2026.04");
      assertThat(report.floor().seq()).isEqualTo(4);
      assertThat(index.monthlyIndices()).containsOnlyKeys("retention-it-2026.11");
      shipper.drain();
      index.refresh();
      ChainVerifier verifier = new ChainVerifier(signer);
      List<io.lethe.audit.chain.Checkpoint> checkpoints = new CheckpointStore(pg.dataSource()).all();
      assertThat(verifier.verify(index.inChainOrder(), checkpoints,
          new ChainFloorStore(pg.dataSource()).current()))
          .isInstanceOf(VerificationResult.Intact.class);
      assertThat(verifier.verify(index.inChainOrder(), checkpoints))
          .as("without the floor, the dropped months look like removed events")
          .isEqualTo(new VerificationResult.Gap(1, 3));

      AuditRetention.Report again = new AuditRetention(pg.dataSource(), index,
          Duration.ofDays(180), now, signer).dropExpired();
      assertThat(again.dropped()).isEmpty();
      assertThat(again.floor()).isEqualTo(report.floor());
    }
  }
}
