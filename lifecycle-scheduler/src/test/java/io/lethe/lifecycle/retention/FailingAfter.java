package io.lethe.lifecycle.retention;

import io.lethe.lifecycle.jobs.Batch;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.jobs.LifecycleJob;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job that does the real job's batches, then crashes in the middle of batch {@code n + 1},
 * after that batch has done its work and before it commits: what a killed JVM leaves behind.
 */
final class FailingAfter implements LifecycleJob {

  private final LifecycleJob delegate;
  private final int batches;
  private final AtomicInteger done = new AtomicInteger();

  FailingAfter(LifecycleJob delegate, int batches) {
    this.delegate = delegate;
    this.batches = batches;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Optional<String> policyVersion() {
    return delegate.policyVersion();
  }

  @Override
  public Batch nextBatch(Connection c, JobContext ctx) {
    Batch batch = delegate.nextBatch(c, ctx);
    if (done.incrementAndGet() > batches) {
      throw new IllegalStateException("injected crash");
    }
    return batch;
  }
}
