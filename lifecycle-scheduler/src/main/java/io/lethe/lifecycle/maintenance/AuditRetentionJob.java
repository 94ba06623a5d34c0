package io.lethe.lifecycle.maintenance;

import io.lethe.audit.retention.AuditRetention;
import io.lethe.lifecycle.jobs.Batch;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.LifecycleJob;
import java.sql.Connection;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code audit-retention}: drops the monthly audit indices whose events are all older than the
 * audit retention ({@link AuditRetention}), in one batch; the floor of the retained chain and
 * the {@code audit.retention.drop} event commit in the retention's own transaction before any
 * index is dropped. Counts: indices found expired ({@code scanned}) and dropped
 * ({@code deleted}); a dry run lists without dropping. Running it on two nodes is harmless: the
 * second finds nothing left. Without an audit cluster (events kept in the outbox) there is no
 * index to drop and a run finds nothing.
 */
public final class AuditRetentionJob implements LifecycleJob {

  public static final String NAME = "audit-retention";
  private static final String DONE = "done";
  private final Optional<AuditRetention> retention;

  public AuditRetentionJob(Optional<AuditRetention> retention) {
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Batch nextBatch(Connection c, JobContext ctx) {
    if (ctx.resumeAfter().isPresent() || retention.isEmpty()) {
      return Batch.finished();
    }
    long expired = ctx.dryRun() ? retention.get().expired().size()
        : retention.get().dropExpired().dropped().size();
    return new Batch(new JobCounts(expired, expired, 0, 0, 0, 0), Optional.of(DONE),
        Optional.empty());
  }
}
