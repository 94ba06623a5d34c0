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
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A floor recorded before kept links were (audit migration V5) left a June event below it: the
 * next drop is not blocked by it, and the trail verifies from the floor that drop records.
 */
class AuditRetentionLegacyFloorIT {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
  @RegisterExtension static final ElasticsearchExtension es = new ElasticsearchExtension();

  private static final String PREFIX = "retention-legacy-it";

  @Test
  void aDropAfterAFloorWithoutKeptLinks_takesTheEventsBelowIt_andTheTrailVerifies()
      throws Exception {
    AuditMigrations.migrate(pg.dataSource());
    CheckpointSigner signer = TestSigner.create();
    try (ElasticsearchAuditIndex index = ElasticsearchAuditIndex.connect(es.url(), PREFIX)) {
      index.prepare();
      AuditShipper shipper = new AuditShipper(pg.dataSource(), index, 2, signer);
      try (Connection c = pg.dataSource().getConnection()) {
        c.setAutoCommit(false);
        // Chain order 1, 2 (May), 3 (June), 4 (May), 5, 6 (June), 7 (July).
        for (String at : List.of("2026-05-10T00:00:00Z", "2026-05-20T00:00:00Z",
            "2026-06-01T00:00:00.050Z", "2026-05-31T23:59:59.900Z", "2026-06-10T00:00:00Z",
            "2026-06-20T00:00:00Z", "2026-07-05T00:00:00Z")) {
          new AuditOutbox().append(c, AuditEvent.builder("record.read", AuditEvent.Outcome.SUCCESS)
              .timestamp(Instant.parse(at)).build());
        }
        c.commit();
      }
      assertThat(shipper.drain()).isEqualTo(7);
      index.refresh();
      // What the earlier release recorded when it dropped May: the floor after 4, nothing kept.
      String hashOf4 = index.lastLinkIn(List.of(PREFIX + "-2026.05")).orElseThrow().hash();
      try (Connection c = pg.dataSource().getConnection();
          PreparedStatement s = c.prepareStatement("INSERT INTO audit_chain_floor "
              + "(id, seq, prev, dropped_at) VALUES (1, 5, ?, CURRENT_TIMESTAMP)")) {
        s.setString(1, hashOf4);
        s.executeUpdate();
      }
      index.drop(List.of(PREFIX + "-2026.05"));
      assertThat(verify(index, signer)).as("the earlier release's false alarm")
          .isEqualTo(new VerificationResult.Broken(3,
              "an event below the retained chain's floor that retention did not keep"));

      Clock january = Clock.fixed(Instant.parse("2027-01-20T00:00:00Z"), ZoneOffset.UTC);
      AuditRetention.Report report = new AuditRetention(pg.dataSource(), index,
          Duration.ofDays(180), january, signer).dropExpired();

      assertThat(report.dropped()).containsExactly(PREFIX + "-2026.06");
      assertThat(report.floor().seq()).isEqualTo(7);
      assertThat(report.floor().keptBelow()).isEmpty();
      shipper.drain();
      index.refresh();
      assertThat(verify(index, signer)).isEqualTo(new VerificationResult.Intact(2, 8, 0));
    }
  }

  private static VerificationResult verify(ElasticsearchAuditIndex index,
      CheckpointSigner signer) {
    return new ChainVerifier(signer).verify(index.inChainOrder(),
        new CheckpointStore(pg.dataSource()).all(), new ChainFloorStore(pg.dataSource()).current());
  }
}
