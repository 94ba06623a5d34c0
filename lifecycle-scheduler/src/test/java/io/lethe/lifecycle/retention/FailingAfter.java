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
public final class FailingAfter implements LifecycleJob {

  /** A node's death as a test sees it: an {@link Error}, which the runner does not catch. */
  public static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("node killed", null, false, false);
    }
  }

  private final LifecycleJob delegate;
  private final int batches;
  private final boolean kill;
  private final AtomicInteger done = new AtomicInteger();

  /** Fails with an exception: the runner rolls the batch back and ends the run FAILED. */
  FailingAfter(LifecycleJob delegate, int batches) {
    this(delegate, batches, false);
  }

  private FailingAfter(LifecycleJob delegate, int batches, boolean kill) {
    this.delegate = delegate;
    this.batches = batches;
    this.kill = kill;
  }

  /**
   * Dies with {@link Killed}: the batch is rolled back and the run stays RUNNING with the counts
   * of its committed batches, for a runner to continue as after a node's death.
   */
  public static FailingAfter killedAfter(LifecycleJob delegate, int batches) {
    return new FailingAfter(delegate, batches, true);
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
      if (kill) {
        throw new Killed();
      }
      throw new IllegalStateException("injected crash");
    }
    return batch;
  }
}
