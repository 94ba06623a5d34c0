package io.lethe.lifecycle.erasure;

import io.lethe.lifecycle.jobs.Batch;
import io.lethe.lifecycle.jobs.JobContext;
import io.lethe.lifecycle.jobs.LifecycleJob;
import java.sql.Connection;
import java.time.Duration;

/** A job that pauses after each batch, so a test can kill its process between two of them. */
final class Throttled implements LifecycleJob {

  private final LifecycleJob job;
  private final Duration pause;

  Throttled(LifecycleJob job, Duration pause) {
    this.job = job;
    this.pause = pause;
  }

  @Override
  public String name() {
    return job.name();
  }

  @Override
  public Batch nextBatch(Connection c, JobContext ctx) {
    Batch batch = job.nextBatch(c, ctx);
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return batch;
  }
}
