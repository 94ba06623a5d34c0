package io.lethe.lifecycle.maintenance;

import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.jobs.Batch;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.LifecycleJob;
import io.lethe.storage.SubjectKeyRewrap;
import io.lethe.storage.keys.KeyProvider;
import java.sql.Connection;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code key-rewrap}: moves subject keys still wrapped under an older KEK version to the
 * current one ({@link SubjectKeyRewrap#batch}), without decrypting any data. Fired by a KEK
 * rotation, and by its schedule for keys a failed run left behind. Counts: {@code scanned} keys
 * claimed, {@code failed} keys the provider could not rewrap (they stay readable under their old
 * version); a dry run counts the keys it would rewrap.
 */
public final class KeyRewrapJob implements LifecycleJob {

  public static final String NAME = "key-rewrap";
  private final KeyProvider keys;
  private final AuditOutbox audit = new AuditOutbox();

  public KeyRewrapJob(KeyProvider keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Batch nextBatch(Connection c, JobContext ctx) {
    SubjectKeyRewrap.Batch batch = SubjectKeyRewrap.batch(c, keys, keys.currentVersion(),
        ctx.resumeAfter().map(UUID::fromString), ctx.batchSize(), ctx.dryRun());
    if (batch.claimed() == 0) {
      return Batch.finished();
    }
    if (!ctx.dryRun()) {
      audit.append(c, ctx.event("key.rewrap", batch.failed() == 0 ? Outcome.SUCCESS
          : Outcome.FAILURE).category("configuration").build());
    }
    return new Batch(new JobCounts(batch.claimed(), 0, 0, 0, 0, batch.failed()),
        batch.last().map(UUID::toString),
        batch.failed() == 0 ? Optional.empty() : Optional.of("storage.key.unavailable"));
  }
}
